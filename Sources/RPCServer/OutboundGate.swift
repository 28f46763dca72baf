import NIOCore
import Synchronization

/// Whether a connection takes another response message now. Flow control
/// bounds what a stream sends by the window its client grants, which may be
/// as large as 2^31-1: on its own it cannot bound the server's memory when a
/// client grants a huge window and then stops reading. So writers also wait
/// here while the channel is not writable (its unwritten bytes went past the
/// high water mark and have not yet drained below the low one), and while
/// the messages handed to the event loop but not yet written to the channel
/// reach the high water mark. What a connection holds outbound is then at
/// most about twice the high water mark plus one message.
///
/// Lock order: a stream's lock, then the gate's. The gate wakes the streams
/// it held back only after releasing its lock.
final class OutboundGate: Sendable {
    private struct State {
        var writable = true
        /// Bytes of messages reserved but not yet written to the channel.
        var queued = 0
        var closed = false
        /// Streams whose writer waits for room, by stream id.
        var blocked: [UInt32: ServerStream] = [:]
        var observer: (@Sendable () -> Void)?

        var hasRoom: Bool { closed || (writable && queued < limit) }
        let limit: Int
    }

    private let state: Mutex<State>

    init(limit: Int) {
        state = Mutex(State(limit: limit))
    }

    /// Test hook: called each time a writer starts waiting for room.
    func observe(_ observer: @escaping @Sendable () -> Void) {
        state.withLock { $0.observer = observer }
    }

    // MARK: Writers (under their stream's lock)

    /// Reserves room for a message of `bytes` if the connection takes more
    /// now; otherwise holds `stream` back (it is woken when there is room)
    /// and returns false.
    func reserve(_ bytes: Int, for stream: ServerStream) -> Bool {
        state.withLock { state in
            guard state.hasRoom else {
                state.blocked[stream.id] = stream
                return false
            }
            state.queued += bytes
            return true
        }
    }

    /// Whether the connection takes more now; if not, holds `stream` back as `reserve` does.
    func hasRoom(for stream: ServerStream) -> Bool {
        state.withLock { state in
            guard state.hasRoom else {
                state.blocked[stream.id] = stream
                return false
            }
            return true
        }
    }

    /// A writer has parked for want of room (outside any lock).
    func writerParked() {
        state.withLock { $0.observer }?()
    }

    // MARK: Event loop

    /// `released` reserved bytes went to the channel (or were dropped), and
    /// the channel's writability is now `writable`: wakes the held-back
    /// writers if there is room.
    func update(released: Int, writable: Bool) {
        let woken = state.withLock { state -> [ServerStream] in
            state.queued = max(0, state.queued - released)
            state.writable = writable
            guard state.hasRoom, !state.blocked.isEmpty else { return [] }
            defer { state.blocked = [:] }
            return Array(state.blocked.values)
        }
        for stream in woken { stream.connectionHasRoom() }
    }

    /// The stream ended: nothing to wake for it.
    func forget(_ id: UInt32) {
        _ = state.withLock { $0.blocked.removeValue(forKey: id) }
    }

    /// The connection closed: no writer waits any more (their streams are cancelled).
    func close() {
        let woken = state.withLock { state -> [ServerStream] in
            state.closed = true
            defer { state.blocked = [:] }
            return Array(state.blocked.values)
        }
        for stream in woken { stream.connectionHasRoom() }
    }
}

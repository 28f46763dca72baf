import DequeModule
import NIOCore
import Synchronization
import Wire

/// One call on the client, shared by the connection's event loop (which feeds
/// it the server's frames) and the caller's task (which sends and reads).
final class ClientStream: Sendable {
    struct State {
        var initialMetadata: Metadata?
        var inbound = Deque<ByteBuffer>()
        var trailers: Trailers?
        var failure: RPCError?
        var reader: CheckedContinuation<ByteBuffer?, any Error>?
        var window: SendWindow
        var sentEnd = false
    }

    let id: UInt32
    let link: ClientConnectionLink
    let maxRequestSize: Int
    let state: Mutex<State>

    init(id: UInt32, link: ClientConnectionLink, sendWindow: Int64, maxRequestSize: Int) {
        self.id = id
        self.link = link
        self.maxRequestSize = maxRequestSize
        self.state = Mutex(State(window: SendWindow(initial: sendWindow)))
    }

    var isFinished: Bool { state.withLock { $0.trailers != nil || $0.failure != nil } }

    // MARK: Event-loop side

    func receiveHeaders(_ metadata: Metadata) {
        state.withLock { $0.initialMetadata = metadata }
    }

    func receive(_ message: ByteBuffer) {
        let reader = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            guard state.trailers == nil, state.failure == nil else { return nil }
            if state.initialMetadata == nil { state.initialMetadata = [:] }
            if let reader = state.reader {
                state.reader = nil
                return reader
            }
            state.inbound.append(message)
            return nil
        }
        reader?.resume(returning: message)
    }

    /// The server ended the call.
    func receiveTrailers(_ trailers: Trailers) {
        let (reader, waiter) = state.withLock { state in
            guard state.trailers == nil, state.failure == nil else {
                return (nil, nil) as (CheckedContinuation<ByteBuffer?, any Error>?, CheckedContinuation<Void, any Error>?)
            }
            if state.initialMetadata == nil { state.initialMetadata = [:] }
            state.trailers = trailers
            defer { state.reader = nil }
            return (state.inbound.isEmpty ? state.reader : nil, state.window.takeWaiter())
        }
        waiter?.resume(throwing: Self.stopped)
        guard let reader else { return }
        if trailers.status.code == .ok {
            reader.resume(returning: nil)
        } else {
            reader.resume(throwing: trailers.error)
        }
    }

    /// The call failed on this side: deadline, cancellation, connection lost.
    func fail(_ error: RPCError) {
        let (reader, waiter) = state.withLock { state in
            guard state.trailers == nil, state.failure == nil else {
                return (nil, nil) as (CheckedContinuation<ByteBuffer?, any Error>?, CheckedContinuation<Void, any Error>?)
            }
            state.failure = error
            defer { state.reader = nil }
            return (state.reader, state.window.takeWaiter())
        }
        reader?.resume(throwing: error)
        waiter?.resume(throwing: error)
    }

    /// Credits the send window; false when that would take it past 2^31-1,
    /// a FLOW_CONTROL_ERROR of the peer (docs/PROTOCOL.md, section 5).
    func addSendWindow(_ increment: Int64) -> Bool {
        let outcome = state.withLock { state -> (valid: Bool, waiter: CheckedContinuation<Void, any Error>?) in
            do throws(WireError) {
                return (true, try state.window.credit(increment))
            } catch {
                return (false, nil)
            }
        }
        outcome.waiter?.resume()
        return outcome.valid
    }

    /// Sending stops quietly once the server has answered; the caller reads its status.
    static let stopped = RPCError(code: .cancelled, message: "the server ended the call")
}

extension Trailers {
    /// The error a non-OK status becomes on the client.
    var error: RPCError {
        RPCError(code: status.code.normalized == .ok ? .unknown : status.code.normalized,
                 message: status.message, metadata: metadata)
    }
}

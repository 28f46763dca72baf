import NIOCore
import Synchronization

/// Connections the listener accepted that the accept loop has not taken yet.
/// A connection can be accepted as the listener closes, after the loop has
/// ended; NIO then drops it, and an `NIOAsyncChannel` dropped unserved traps
/// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481).
/// The server holds each connection here until the loop takes it, and closes
/// the ones the loop never took.
final class AcceptedConnections: Sendable {
    typealias Connection = NIOAsyncChannel<ServerCall, Never>

    private struct State {
        var waiting: [ObjectIdentifier: Connection] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// Holds `connection` for the accept loop; when the loop has ended, closes it instead.
    func hold(_ connection: Connection) {
        let closed = state.withLock { state in
            if !state.closed { state.waiting[ObjectIdentifier(connection.channel)] = connection }
            return state.closed
        }
        if closed { Task { await Self.close(connection) } }
    }

    /// The accept loop serves `connection`.
    func take(_ connection: Connection) {
        _ = state.withLock { $0.waiting.removeValue(forKey: ObjectIdentifier(connection.channel)) }
    }

    /// The accept loop has ended: closes every connection it never took
    /// (and, from now on, every connection `hold` is given).
    func closeRest() async {
        let rest = state.withLock { state in
            state.closed = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for connection in rest { await Self.close(connection) }
    }

    private static func close(_ connection: Connection) async {
        try? await connection.executeThenClose { _, _ in }
    }
}

import NIOCore
import Synchronization

/// The metrics endpoint's open connections, so that shutdown can end them.
final class MetricsConnections: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var stopping = false
    }

    private let state = Mutex(State())

    /// Tracks a new connection until it closes; one accepted after `stop()`
    /// is closed at once.
    func insert(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        let stopping = state.withLock { state in
            if !state.stopping { state.open[key] = channel }
            return state.stopping
        }
        guard !stopping else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { _ in
            _ = self.state.withLock { $0.open.removeValue(forKey: key) }
        }
    }

    /// Graceful: every connection still waiting for its request closes; one
    /// being answered closes once its response is written.
    func stop() {
        for channel in stopping() { channel.pipeline.fireUserInboundEventTriggered(MetricsConnectionHandler.Stop()) }
    }

    /// Closes every connection now.
    func closeAll() {
        for channel in stopping() { channel.close(promise: nil) }
    }

    /// Accepts no more connections; returns the open ones.
    private func stopping() -> [any Channel] {
        state.withLock { state in
            state.stopping = true
            return Array(state.open.values)
        }
    }

    /// The close futures of the connections open now.
    func closeFutures() -> [EventLoopFuture<Void>] {
        state.withLock { $0.open.values.map(\.closeFuture) }
    }
}

public import Protos
import Synchronization

/// The serving status of each service of a server ("" is the server as a
/// whole), and the watchers to tell when one changes.
public final class HealthStatus: Sendable {
    public typealias Status = Arpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status] = [:]
        var watchers: [Int: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
        var nextWatcher = 0
    }

    private let state = Mutex(State())

    /// Every service in `services`, and the server itself, starts SERVING.
    public init(services: [String]) {
        state.withLock { state in
            state.statuses[""] = .serving
            for service in services { state.statuses[service] = .serving }
        }
    }

    public func status(of service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// Sets the status of `service`, or of every service when nil.
    public func set(_ status: Status, for service: String? = nil) {
        let notify = state.withLock { state -> [(AsyncStream<Status>.Continuation, Status)] in
            let names = service.map { [$0] } ?? Array(state.statuses.keys)
            for name in names { state.statuses[name] = status }
            return state.watchers.values.compactMap { watcher in
                names.contains(watcher.service) ? (watcher.continuation, status) : nil
            }
        }
        for (continuation, status) in notify { continuation.yield(status) }
    }

    /// Marks everything NOT_SERVING and ends every Watch: the server is shutting down.
    public func shutDown() {
        set(.notServing)
        let watchers = state.withLock { state in
            defer { state.watchers = [:] }
            return state.watchers.values.map(\.continuation)
        }
        for continuation in watchers { continuation.finish() }
    }

    /// The status of `service` now and after each change, until the stream is dropped.
    func watch(_ service: String) -> AsyncStream<Status> {
        let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state -> Int in
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[id] = (service, continuation)
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
        }
        return stream
    }
}

public import CoreMetrics
import Wire

/// Per-call metrics through swift-metrics (the executable picks the backend):
/// `rpc_server_calls_total` by method and status, and the timer
/// `rpc_server_call_duration` by method.
public struct MetricsInterceptor: ServerInterceptor {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    public func intercept(
        context: ServerContext,
        next: @Sendable (ServerContext) async throws -> Void
    ) async throws {
        let start = ContinuousClock.now
        try await observingStatus(context, next: next) { status in
            Counter(label: "rpc_server_calls_total", dimensions: [("method", context.method), ("status", "\(status)")],
                    factory: factory).increment()
            CoreMetrics.Timer(label: "rpc_server_call_duration", dimensions: [("method", context.method)], factory: factory)
                .recordInterval(since: start)
        }
    }
}

extension CoreMetrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}

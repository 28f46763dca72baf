import RPCServer
import ServiceKit

extension AttrdApplication {
    /// attrd's metrics, when `--metrics-listen` is set.
    func makeMetrics(storage: AttrdStorage, gauges: [ModuleGauge]) -> AttrdMetrics? {
        configuration.metricsListen.map { AttrdMetrics(listen: $0, pool: storage.pool, gauges: gauges) }
    }
}

extension MetricsInterceptor {
    /// Records into attrd's registry when metrics are served, else into the global metrics system.
    init(_ metrics: AttrdMetrics?) {
        if let metrics { self.init(factory: metrics.factory) } else { self.init() }
    }
}

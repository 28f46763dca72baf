import LayeredConfig
import Logging
import Observability
import Prometheus
import Services
import Storage

/// attrd's Prometheus registry: the RPC server's call counters and latency
/// histograms (recorded through `factory`), and gauges set at each scrape:
/// the database pool and the live pixel streams. No label carries a tenant
/// or principal: metrics are per replica, never per tenant.
struct AttrdMetrics: Sendable {
    /// Where `/metrics` is served.
    let listen: HostAndPort
    let registry: PrometheusCollectorRegistry
    private let pool: PostgresPool
    private let broadcaster: PixelEventBroadcaster
    private let poolOpen, poolIdle, poolWaiting, streamSubscribers: Gauge

    init(listen: HostAndPort, pool: PostgresPool, broadcaster: PixelEventBroadcaster) {
        self.listen = listen
        self.pool = pool
        self.broadcaster = broadcaster
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func gauge(_ subsystem: String, _ name: String, _ unit: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: MetricNameDescriptor(
                namespace: "attrd", subsystem: subsystem, metricName: name, unitName: unit, helpText: help))
        }
        poolOpen = gauge("db_pool", "connections", "open", "Database pool connections open or opening")
        poolIdle = gauge("db_pool", "connections", "idle", "Database pool connections open and not in use")
        poolWaiting = gauge("db_pool", "waiters", "", "Callers waiting for a database pool connection")
        streamSubscribers = gauge("pixel_stream", "subscribers", "", "Live Pixels.StreamEvents calls on this replica")
    }

    /// What the RPC server's `MetricsInterceptor` records through.
    var factory: PrometheusMetricsFactory { PrometheusMetricsFactory(registry: registry) }

    /// Serves the registry at `listen`, setting the gauges before each scrape.
    func makeEndpoint(logger: Logger) -> MetricsEndpoint {
        MetricsEndpoint(host: listen.host, port: listen.port, registry: registry, logger: logger, refresh: refresh)
    }

    /// Sets the gauges to the values of now.
    func refresh() {
        let statistics = pool.statistics
        poolOpen.set(to: Double(statistics.open))
        poolIdle.set(to: Double(statistics.idle))
        poolWaiting.set(to: Double(statistics.waiting))
        streamSubscribers.set(to: Double(broadcaster.subscriberCount))
    }
}

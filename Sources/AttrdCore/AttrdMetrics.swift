import LayeredConfig
import Logging
import Observability
import Prometheus
import ServiceKit
import Storage

/// attrd's Prometheus registry: the RPC server's call counters and latency
/// histograms (recorded through `factory`), and gauges set at each scrape:
/// the database pool and the modules' own (`ModuleParts.gauges`). No label carries a tenant
/// or principal: metrics are per replica, never per tenant.
struct AttrdMetrics: Sendable {
    /// Where `/metrics` is served.
    let listen: HostAndPort
    let registry: PrometheusCollectorRegistry
    private let pool: PostgresPool
    private let poolOpen, poolIdle, poolWaiting: Gauge
    private let modules: [(Gauge, ModuleGauge)]

    init(listen: HostAndPort, pool: PostgresPool, gauges: [ModuleGauge]) {
        self.listen = listen
        self.pool = pool
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func gauge(_ subsystem: String, _ name: String, _ unit: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: MetricNameDescriptor(
                namespace: "attrd", subsystem: subsystem, metricName: name, unitName: unit, helpText: help))
        }
        poolOpen = gauge("db_pool", "connections", "open", "Database pool connections open or opening")
        poolIdle = gauge("db_pool", "connections", "idle", "Database pool connections open and not in use")
        poolWaiting = gauge("db_pool", "waiters", "", "Callers waiting for a database pool connection")
        modules = gauges.map { (gauge($0.subsystem, $0.name, "", $0.help), $0) }
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
        for (gauge, module) in modules { gauge.set(to: module.read()) }
    }
}

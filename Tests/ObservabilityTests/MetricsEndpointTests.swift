import Logging
import NIOCore
import Observability
import Prometheus
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@Suite("/metrics endpoint")
struct MetricsEndpointTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs an endpoint on a free loopback port for `body`, then shuts it down gracefully.
    func withEndpoint(
        _ registry: PrometheusCollectorRegistry, requestTimeout: Duration = .seconds(10),
        refresh: @escaping @Sendable () async -> Void = {},
        _ body: (Int) async throws -> Void
    ) async throws {
        let endpoint = MetricsEndpoint(
            host: "127.0.0.1", port: 0, registry: registry, logger: Self.quiet, requestTimeout: requestTimeout,
            refresh: refresh)
        let group = ServiceGroup(services: [endpoint], logger: Self.quiet)
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            let port = try #require(try await endpoint.listeningAddress.port)
            do {
                try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func getMetricsServesTheRegistryInTheTextFormat() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "widgets", unitName: "total", helpText: "Widgets made"),
            labels: [("kind", "blue")]).increment(by: Int64(3))
        try await withEndpoint(registry) { port in
            let response = try await PlainHTTP.request("GET", "/metrics", port: port)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.body.contains(#"widgets_total{kind="blue"} 3"#), "\(response.body)")
            #expect(response.headers["content-length"] == "\(response.body.utf8.count)")
        }
    }

    @Test func gaugesAreRefreshedBeforeEachScrape() async throws {
        let registry = PrometheusCollectorRegistry()
        let gauge = registry.makeGauge(
            descriptor: MetricNameDescriptor(metricName: "queue", unitName: "depth", helpText: "Items waiting"))
        let scrapes = Atomic<Int>(0)
        try await withEndpoint(registry, refresh: { gauge.set(to: Double(scrapes.add(1, ordering: .relaxed).newValue * 10)) }) { port in
            let first = try await PlainHTTP.request("GET", "/metrics", port: port)
            let second = try await PlainHTTP.request("GET", "/metrics?x=1", port: port)
            #expect(first.body.contains("queue_depth 10"))
            #expect(second.body.contains("queue_depth 20"))
        }
    }

    @Test(arguments: ["/", "/metric", "/metrics/", "/favicon.ico"])
    func otherPathsAreNotFound(_ path: String) async throws {
        try await withEndpoint(PrometheusCollectorRegistry()) { port in
            let response = try await PlainHTTP.request("GET", path, port: port)
            #expect(response.status == 404)
            #expect(response.body.contains("/metrics"))
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "HEAD"])
    func otherMethodsAreNotAllowed(_ method: String) async throws {
        let refreshed = Atomic<Bool>(false)
        try await withEndpoint(PrometheusCollectorRegistry(), refresh: { refreshed.store(true, ordering: .relaxed) }) { port in
            let response = try await PlainHTTP.request(method, "/metrics", port: port)
            #expect(response.status == 405)
            #expect(response.headers["allow"] == "GET")
        }
        let wasRefreshed = refreshed.load(ordering: .relaxed)
        #expect(!wasRefreshed)
    }

    @Test(.timeLimit(.minutes(1)))
    func gracefulShutdownEndsIdleConnections() async throws {
        var idle: (any Channel)?
        // A client that connects and never sends a request must not hold shutdown up
        // (the request timeout is far longer than the test's time limit).
        try await withEndpoint(PrometheusCollectorRegistry(), requestTimeout: .seconds(3600)) { port in
            idle = try await PlainHTTP.connectIdle(port: port)
        }
        try await idle?.closeFuture.get()
    }

    /// Connections accepted while the endpoint shuts down are closed, never
    /// left to a consumer that is gone (with NIOAsyncChannel connections this
    /// trapped: "Deinited NIOAsyncWriter without calling finish()").
    @Test(.timeLimit(.minutes(1)))
    func connectionsRacingShutdownAreClosed() async throws {
        for _ in 0..<20 {
            var clients: [any Channel] = []
            try await withEndpoint(PrometheusCollectorRegistry(), requestTimeout: .seconds(3600)) { port in
                for _ in 0..<4 { clients.append(try await PlainHTTP.connectIdle(port: port)) }
            }
            for client in clients { try await client.closeFuture.get() }
        }
    }

    @Test func aClientThatSendsNoRequestIsClosedAfterTheTimeout() async throws {
        try await withEndpoint(PrometheusCollectorRegistry(), requestTimeout: .milliseconds(50)) { port in
            let idle = try await PlainHTTP.connectIdle(port: port)
            try await idle.closeFuture.get()
        }
    }

    @Test func aTakenPortFailsTheEndpoint() async throws {
        try await withEndpoint(PrometheusCollectorRegistry()) { port in
            let second = MetricsEndpoint(host: "127.0.0.1", port: port, registry: PrometheusCollectorRegistry(), logger: Self.quiet)
            await #expect(throws: (any Error).self) { try await second.run() }
            await #expect(throws: (any Error).self) { try await second.listeningAddress }
        }
    }
}

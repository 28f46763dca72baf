import AttrdCore
import LayeredConfig
import Logging
import NIOCore
import Protos
import ServiceLifecycle
import Storage
import TestSupport
import Testing
import Wire

@Suite(
    "attrd /metrics",
    .enabled(if: TestEnvironment.hasDatabase && TestEnvironment.hasDevPKI, "needs make test's database and dev PKI")
)
struct AttrdMetricsTests {
    /// One sample of the text format: `name{label="value",…} number`.
    struct Sample: Hashable {
        let name: String
        let labels: [String: String]
        let value: Double

        init?(line: Substring) {
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            self.value = value
            guard let brace = series.firstIndex(of: "{") else {
                (name, labels) = (String(series), [:])
                return
            }
            name = String(series[..<brace])
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            self.labels = labels
        }
    }

    @Test func scrapeCountsCallsByMethodAndStatus() async throws {
        let logs = CapturedLogs()
        var configuration = try AttrdApplicationTests().configuration()
        configuration.metricsListen = HostAndPort(host: "127.0.0.1", port: 0)
        let (ready, readySignal) = AsyncStream<Int>.makeStream()
        let application = AttrdApplication(configuration: configuration, logger: logs.logger()) { readySignal.yield($0.port ?? 0) }
        let group = ServiceGroup(services: [application], logger: AttrdApplicationTests.logger)
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ready.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let checked = await Result {
                let readyLine = try #require(logs.all.first { $0.message == "attrd ready" })
                let metricsAddress = try HostAndPort(parsing: try #require(readyLine.metadata["attrd_metrics_listen"]))
                #expect(try await AttrdHealthCheck.check(port: port) == .serving)
                #expect(try await AttrdHealthCheck.check(port: port) == .serving)
                await #expect(throws: RPCError.self) { try await AttrdHealthCheck.check(port: port, service: "no.such.Service") }

                let scrape = try await PlainHTTP.request("GET", "/metrics", port: metricsAddress.port)
                #expect(scrape.status == 200)
                let samples = scrape.body.split(separator: "\n").compactMap(Sample.init(line:))
                func calls(_ status: String) -> Double? {
                    samples.first {
                        $0.name == "rpc_server_calls_total" && $0.labels["status"] == status
                            && $0.labels["method"] == "/arpc.health.v1.Health/Check"
                    }?.value
                }
                #expect(calls("OK") == 2, "\(scrape.body)")
                #expect(calls("NOT_FOUND") == 1)
                #expect(samples.contains { $0.name == "rpc_server_call_duration_count" && $0.value == 3 })
                #expect(samples.contains { $0.name == "attrd_db_pool_connections_open" })
                #expect(samples.contains { $0.name == "attrd_pixel_stream_subscribers" && $0.value == 0 })
                // The job queue: depth and the oldest due job's wait, in all and per kind.
                for name in ["attrd_jobs_due", "attrd_jobs_oldest_due_seconds", "attrd_jobs_pixel_alerts_due", "attrd_jobs_pixel_alerts_running"] {
                    #expect(samples.contains { $0.name == name }, "no \(name)")
                }
                // Per replica, never per tenant: no label names or carries a tenant or principal.
                let labels = samples.flatMap(\.labels)
                #expect(Set(labels.map(\.key)).isSubset(of: ["method", "status", "le"]), "\(Set(labels.map(\.key)))")
                #expect(!labels.contains { $0.value.contains("spiffe") || $0.value.contains("tenant") })
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            try checked.get()
        }
    }
}

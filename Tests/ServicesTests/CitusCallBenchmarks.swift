import AttrdCore
import AttributionCore
import AttributionStore
import Foundation
import Protos
import Storage
import TestSupport
import Testing

private let citusURL = TestEnvironment.variables["ATTR_BENCH_CITUS_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
private let benchmarksEnabled = TestEnvironment.variables["ATTR_CITUS_CALL_BENCH"] == "1" && AttrdHarness.enabled

/// The whole QueryMetrics call (mutual TLS, attrd's RPC path, the pool, the
/// metrics transaction) on an attrd over plain PostgreSQL (make test's
/// database) against one over the Citus coordinator
/// (`ATTR_BENCH_CITUS_DATABASE_URL`, migrated), the same rows in both, in
/// alternating rounds. Opt-in, run by `scripts/bench-citus.sh` (docs/BENCHMARKS.md
/// "Citus against plain PostgreSQL"): `ATTR_CITUS_CALL_BENCH=1 swift test --filter CitusCallBenchmarks`.
/// Prints `citus-call-bench` lines; the expectations are sanity checks.
@Suite("Citus: whole-call benchmark", .serialized, .enabled(if: benchmarksEnabled, "set ATTR_CITUS_CALL_BENCH=1"))
struct CitusCallBenchmarks {
    static let rounds = Int(TestEnvironment.variables["ATTR_CITUS_CALL_BENCH_ROUNDS"] ?? "") ?? 5
    static let callsPerRound = Int(TestEnvironment.variables["ATTR_CITUS_CALL_BENCH_CALLS"] ?? "") ?? 300

    @Test func queryMetricsOnPlainPostgreSQLAndOnCitus() async throws {
        let plain = try ConnectionString(try #require(TestEnvironment.databaseURL))
        let citus = try ConnectionString(try #require(citusURL, "set ATTR_BENCH_CITUS_DATABASE_URL"))
        let tenant = try TestTenant()
        // Yesterday and the 29 days before it, and the previous 30 days.
        let today = CalendarDay(Date())
        var request = Attribution_V1_QueryMetricsRequest()
        request.model = .linear
        request.window = .attributionWindow30Days
        request.dateRange = DashboardsMetricsFixture.range(today.adding(days: -30).description, today.adding(days: -1).description)
        request.groupBy = .channel
        for url in [plain, citus] { try await Self.seed(url, tenant: tenant.id) }
        do {
            try await AttrdHarness.withServer(configure: { $0.database = plain; $0.storage.ownerDatabase = nil }) { onPlain in
                try await AttrdHarness.withServer(configure: { $0.database = citus; $0.storage.ownerDatabase = nil }) { onCitus in
                    try await onPlain.withDashboards(tenant, as: "ana") { plainClient in
                        try await onCitus.withDashboards(tenant, as: "ana") { citusClient in
                            let expected = try await plainClient.queryMetrics(request)
                            #expect(expected.rows.count == 5 && expected.totals.revenue.amountMinor == 5 * 30 * 12_345)
                            #expect(try await citusClient.queryMetrics(request) == expected, "the same answer from both")
                            var samples: [String: [Double]] = [:]
                            for round in 0...Self.rounds {
                                for (name, client) in [("postgresql", plainClient), ("citus", citusClient)] {
                                    var times: [Double] = []
                                    for _ in 0..<Self.callsPerRound {
                                        let start = ContinuousClock.now
                                        _ = try await client.queryMetrics(request)
                                        times.append((ContinuousClock.now - start) / .microseconds(1))
                                    }
                                    // Round 0 warms both up (connections, caches) and is not counted.
                                    guard round > 0 else { continue }
                                    let (p50, mean) = Self.summary(times)
                                    print("citus-call-bench round=\(round) database=\(name) calls=\(times.count) p50_us=\(Int(p50)) mean_us=\(Int(mean)) load=\(Self.load)")
                                    samples[name, default: []] += times
                                }
                            }
                            let plainP50 = Self.summary(samples["postgresql"] ?? []).p50, citusP50 = Self.summary(samples["citus"] ?? []).p50
                            print("citus-call-bench call=QueryMetrics calls=\(Self.rounds * Self.callsPerRound) postgresql_p50_us=\(Int(plainP50)) citus_p50_us=\(Int(citusP50)) ratio=\(String(format: "%.2f", citusP50 / plainP50))")
                        }
                    }
                }
            }
        } catch {
            for url in [plain, citus] { try? await Self.deleteTenant(url, tenant: tenant.id) }
            throw error
        }
        for url in [plain, citus] { try await Self.deleteTenant(url, tenant: tenant.id) }
    }

    /// The tenant's row and 60 days x 5 channels of the daily roll-up (as scripts/bench-citus.sh seeds;
    /// ON CONFLICT, else Citus would COPY the rows into the shard, which row-level security refuses).
    static func seed(_ url: ConnectionString, tenant: UUID) async throws {
        try await withDatabase(url) { database in
            try await database.withTenant(tenant) { tx in
                try await TenantProvisioner.insertRow(in: tx)
                try await tx.query(
                    """
                    INSERT INTO attribution_daily_metrics (tenant_id, day, model, attribution_window, channel, campaign,
                        conversions, revenue_minor, spend_minor, currency)
                    SELECT app_current_tenant(), current_date - d, 'linear', '30d', c, '', 3.5, 12345, 2000, 'EUR'
                    FROM generate_series(1, 60) AS d, unnest(ARRAY['meta', 'google', 'tiktok', 'email', 'organic']) AS c
                    ON CONFLICT DO NOTHING
                    """)
            }
        }
    }

    static func deleteTenant(_ url: ConnectionString, tenant: UUID) async throws {
        try await withDatabase(url) { database in
            try await database.withTenant(tenant) { tx in _ = try await tx.query("DELETE FROM tenants WHERE id = $1", [tenant]) }
        }
    }

    static func withDatabase(_ url: ConnectionString, _ body: (Database) async throws -> Void) async throws {
        let pool = PostgresPool(configuration: .init(connectionString: url, size: 1), logger: AttrdHarness.quiet)
        do {
            try await body(Database(pool: pool))
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }

    static func summary(_ times: [Double]) -> (p50: Double, mean: Double) {
        guard !times.isEmpty else { return (0, 0) }
        return (times.sorted()[times.count / 2], times.reduce(0, +) / Double(times.count))
    }

    /// The 1-minute load average.
    static var load: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }
}

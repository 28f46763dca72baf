import AttributionStore
import Foundation
import Ingest
import Protos
import Storage
import SwiftProtobuf
import TestSupport
import Testing

/// Order ingest (RecordOrders, the handler in-process) into a tenant with
/// 1,000 influencers whose rules are applied (a code, a UTM pattern and a
/// link each) against a tenant with none, the same batches in the same run:
/// per order, attrd's CPU (this process's utime + stime: the handler, the
/// attribution and the store), the PostgreSQL backend's CPU (its utime +
/// stime from /proc: matching is SQL in the ingest transaction) and the wall
/// time; with pg_stat_statements loaded, also the matching statements'
/// execution time. Opt-in: `ATTR_INFLUENCERS_BENCH=1 swift test --filter
/// InfluencerIngestBenchmarks`, or `BENCH_INFLUENCERS=1 make bench`. Prints
/// `influencers-bench scenario=ingest` lines.
///
/// Both tenants first get the same touchpoints (3,000 customers with two
/// each; a third of the customers have one whose campaign matches an
/// influencer's pattern, a sixth one whose landing page is an influencer's
/// link). Orders come in batches of 100; one in five carries an influencer's
/// code. The tenants take turns by blocks of 10 batches, the first block of
/// each discarded as warm-up.
@Suite("Influencers: ingest benchmark", .serialized, .enabled(if: influencersBenchmarksEnabled, "set ATTR_INFLUENCERS_BENCH=1"))
struct InfluencerIngestBenchmarks {
    static let customers = 3_000
    static let batch = 100
    static let batchesPerBlock = 10
    static let rounds = 6

    struct Cost {
        var orders = 0
        var wall = 0.0, attrd = 0.0, backend = 0.0, matching = 0.0

        mutating func add(_ other: Cost) {
            orders += other.orders
            wall += other.wall
            attrd += other.attrd
            backend += other.backend
            matching += other.matching
        }

        func perOrder(_ seconds: Double) -> String { String(format: "%.1f", seconds / Double(max(orders, 1)) * 1e6) }
    }

    @Test func ingestWithAThousandInfluencersAgainstNone() async throws {
        try await InfluencersFixture.with(connections: 1) { f in
            let none = try f.other()
            try await Self.seedInfluencers(f)
            for tenant in [f, none] { try await Self.recordTouchpoints(tenant) }
            let backend: Int = try await f.database.withTenant(f.tenant.id, readOnly: true) { tx in
                Int(try await tx.query("SELECT pg_backend_pid() AS pid").first("pid") ?? "") ?? 0
            }
            let statements = try await Self.statementStatsAvailable(f)
            let service = IngestService(store: f.ingest, logger: AttrdHarness.quiet, now: { InfluencersFixture.now })
            var totals = [Cost(), Cost()]
            var next = 0
            for round in 0...Self.rounds {
                let order = round % 2 == 0 ? [0, 1] : [1, 0]
                var block: [Int: Cost] = [:]
                for which in order {
                    let tenant = which == 0 ? f : none
                    let context = try DirectCall.context(tenant.tenant, method: Attribution_V1_Ingest.Method.recordOrders)
                    let before = try await Self.sample(tenant, backend: backend, statements: statements)
                    for index in 0..<Self.batchesPerBlock {
                        let response = try await service.recordOrders(Self.orders(batch: next + index), context: context)
                        #expect(response.accepted == Int32(Self.batch) && response.rejected.isEmpty)
                    }
                    var cost = try await Self.sample(tenant, backend: backend, statements: statements)
                    cost.wall -= before.wall
                    cost.attrd -= before.attrd
                    cost.backend -= before.backend
                    cost.matching -= before.matching
                    cost.orders = Self.batch * Self.batchesPerBlock
                    block[which] = cost
                }
                next += Self.batchesPerBlock
                if round > 0 { for which in 0...1 { totals[which].add(block[which] ?? Cost()) } }
            }
            let coded = try await f.count("attribution_influencer_order_credits")
            #expect(coded > 0)
            #expect(try await none.count("attribution_influencer_order_credits") == 0)
            for (name, cost) in zip(["influencers_1000", "influencers_0"], totals) {
                print(
                    "influencers-bench scenario=ingest tenant=\(name) orders=\(cost.orders) batch=\(Self.batch) "
                        + "wall_us_per_order=\(cost.perOrder(cost.wall)) attrd_cpu_us_per_order=\(cost.perOrder(cost.attrd)) "
                        + "pg_backend_cpu_us_per_order=\(cost.perOrder(cost.backend)) "
                        + "matching_sql_us_per_order=\(statements ? cost.perOrder(cost.matching) : "n/a")")
            }
            let (with, without) = (totals[0], totals[1])
            func ratio(_ a: Double, _ b: Double) -> String { String(format: "%+.1f%%", (a / max(b, 1e-9) - 1) * 100) }
            print(
                "influencers-bench scenario=ingest-overhead attrd_cpu=\(ratio(with.attrd, without.attrd)) "
                    + "attrd_plus_pg_cpu=\(ratio(with.attrd + with.backend, without.attrd + without.backend)) "
                    + "wall=\(ratio(with.wall, without.wall))")
        }
    }

    /// Now: wall clock, this process's CPU, the backend's CPU, and the
    /// matching statements' total execution time (seconds).
    static func sample(_ f: InfluencersFixture, backend pid: Int, statements: Bool) async throws -> Cost {
        var cost = Cost()
        if statements {
            cost.matching = try await f.database.withTenant(f.tenant.id, readOnly: true) { tx in
                Double(
                    try await tx.query(
                        """
                        SELECT coalesce(sum(total_exec_time), 0)::float8 / 1000 AS s FROM pg_stat_statements
                        WHERE query LIKE '%attribution_influencer_order_credits%' AND query NOT LIKE '%pg_stat_statements%'
                        """
                    ).first("s") ?? "0") ?? 0
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        cost.attrd = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        cost.backend = Self.cpuSeconds(pid: pid)
        cost.wall = Date().timeIntervalSince1970
        return cost
    }

    /// utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15).
    static func cpuSeconds(pid: Int) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func statementStatsAvailable(_ f: InfluencersFixture) async throws -> Bool {
        try await f.database.withTenant(f.tenant.id, readOnly: true) { tx in
            try await tx.query("SELECT to_regclass('pg_stat_statements') IS NOT NULL AS ok").first("ok") == "t"
        }
    }

    /// 1,000 influencers, each with code CODEk, UTM pattern `infl_k_*` and
    /// link https://creator.example/k, and their rules applied as the
    /// re-attribution job applies them.
    static func seedInfluencers(_ f: InfluencersFixture) async throws {
        try await f.database.withTenant(f.tenant.id) { tx in
            try await InfluencersFixture.insertBenchInfluencers(1_000, in: tx)
            _ = try await InfluencerRules.bump(in: tx)
        }
        #expect(try await f.applyRules() == 1)
        #expect(try await f.count("attribution_influencer_rules") == 3_000)
    }

    /// Two touchpoints per customer, 3 and 1 days before the first order.
    static func recordTouchpoints(_ f: InfluencersFixture) async throws {
        var touches: [TouchpointRecord] = []
        for c in 0..<customers {
            let customer = "c\(c)"
            let campaign = c % 3 == 0 ? "infl_\(c % 1000)_spring" : "newsletter_w\(c % 52)"
            let landing = c % 6 == 1 ? "https://creator.example/\(c % 1000)?ref=bio" : "https://shop.example/p/\(c)"
            touches.append(f.touch("t\(c)a", at: InfluencersFixture.day(-3), customer: customer, campaign: campaign))
            touches.append(
                f.touch("t\(c)b", at: InfluencersFixture.day(-1), customer: customer, campaign: "brand", landing: landing))
        }
        for start in stride(from: 0, to: touches.count, by: 1_000) {
            try await f.record(Array(touches[start..<min(start + 1_000, touches.count)]))
        }
    }

    /// Batch `n` of the orders (the same for both tenants): order i is
    /// customer i mod 3,000's, placed in the 9 days from 2099-03-10, and one
    /// in five carries influencer (i mod 1,000)'s code.
    static func orders(batch n: Int) -> Attribution_V1_RecordOrdersRequest {
        var request = Attribution_V1_RecordOrdersRequest()
        request.orders = (0..<batch).map { offset in
            let i = n * batch + offset
            var order = Fixtures.order(
                "o\(i)", at: InfluencersFixture.day(Double(i % 9) + Double(i % 86_400) / 86_400 / 2),
                revenue: 2_000 + Int64(i * 37 % 15_000), customer: "c\(i % customers)")
            if i % 5 == 0 { order.discountCodes = ["code\(i % 1_000)"] }
            return order
        }
        return request
    }
}

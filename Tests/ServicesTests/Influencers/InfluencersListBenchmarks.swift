import Foundation
import Influencers
import Protos
import Storage
import TestSupport
import Testing

let influencersBenchmarksEnabled = TestEnvironment.variables["ATTR_INFLUENCERS_BENCH"] == "1" && AttrdHarness.enabled

/// ListInfluencers with metrics, sorted by revenue, for 1,000 influencers
/// over 1,000,000 orders in 90 days: p50 and p99 of the whole call (the
/// handler in-process, no TLS; a page of 50). Opt-in (it loads the database):
/// `ATTR_INFLUENCERS_BENCH=1 swift test --filter InfluencersListBenchmarks`, or
/// `BENCH_INFLUENCERS=1 make bench`. Prints one `influencers-bench` line; the
/// expectations are sanity checks.
///
/// The metrics read only the daily roll-up `attribution_influencer_daily`, so
/// the bench writes the roll-up that matching leaves for 1,000,000 orders
/// (11,112 a day, every one credited to one of the 1,000 influencers) under
/// every model and window: 90 × 1,000 × 30 = 2,700,000 rows, with one
/// server-side `generate_series` statement, rather than matching a million
/// orders first.
@Suite("Influencers: list benchmark", .serialized, .enabled(if: influencersBenchmarksEnabled, "set ATTR_INFLUENCERS_BENCH=1"))
struct InfluencersListBenchmarks {
    static let iterations = 60
    static let orders = 1_000_000
    static let influencers = 1_000

    @Test func listSortedByRevenueOverAMillionOrders() async throws {
        try await InfluencersFixture.with(connections: 4) { f in
            let seeding = ContinuousClock.now
            try await Self.seed(f)
            let seeded = (ContinuousClock.now - seeding) / .seconds(1)
            var request = Attribution_V1_ListInfluencersRequest()
            request.sortOrder = .revenue
            request.pageSize = 50
            request.dateRange = InfluencersFixture.range((2098, 12, 20), (2099, 3, 19))
            let context = try f.context(Attribution_V1_Influencers.Method.listInfluencers)
            var samples: [Double] = []
            var first: Attribution_V1_ListInfluencersResponse?
            for iteration in 0..<(Self.iterations + 5) {
                let start = ContinuousClock.now
                let response = try await f.service.listInfluencers(request, context: context)
                if iteration >= 5 { samples.append((ContinuousClock.now - start) / .milliseconds(1)) }
                first = first ?? response
            }
            let page = try #require(first)
            #expect(page.influencers.count == 50)
            let revenues = page.influencers.map(\.metrics.revenue.amountMinor)
            #expect(revenues == revenues.sorted(by: >) && (revenues.last ?? 0) > 0)
            #expect(!page.nextPageToken.isEmpty)
            samples.sort()
            let p50 = samples[samples.count / 2], p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
            print(
                "influencers-bench scenario=list influencers=\(Self.influencers) orders=\(Self.orders) days=90 page=50 "
                    + "iterations=\(samples.count) p50_ms=\(String(format: "%.1f", p50)) p99_ms=\(String(format: "%.1f", p99)) "
                    + "seed_s=\(String(format: "%.0f", seeded))")
        }
    }

    /// 1,000 influencers (one code, one UTM pattern, one link each, rules
    /// applied) and the roll-up of 2098-12-20 to 2099-03-19: on each day each
    /// influencer has 11.112 orders' credit (40% from new customers) and a
    /// revenue that varies by influencer and day, so the ranking is not flat.
    static func seed(_ f: InfluencersFixture) async throws {
        try await f.database.withTenant(f.tenant.id) { tx in
            try await InfluencersFixture.insertBenchInfluencers(influencers, in: tx)
            // Versions as the re-attribution job leaves them (rules applied).
            try await tx.query(
                "INSERT INTO attribution_influencer_rules_versions (tenant_id, version, applied_version) VALUES ($1, 1, 1)",
                [tx.tenantID])
            try await tx.query(
                """
                INSERT INTO attribution_influencer_daily (tenant_id, model, attribution_window, day, influencer_id,
                    conversions, new_customer_conversions, revenue_minor)
                SELECT $1::uuid, m, w, DATE '2098-12-20' + d, i.id, \(Double(orders) / 90 / Double(influencers)),
                    \(Double(orders) / 90 / Double(influencers) * 0.4), 11112 * (2000 + (i.k * i.k * 37 + d * 11) % 15000) / 1000
                FROM generate_series(0, 89) d,
                    (SELECT id, row_number() OVER (ORDER BY name) AS k FROM attribution_influencers WHERE tenant_id = $1) i,
                    unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based']) m,
                    unnest(ARRAY['1d', '7d', '14d', '28d', '30d', '90d']) w
                ORDER BY d, i.k, m, w
                """, [tx.tenantID], timeout: .seconds(3_600))
        }
        // As autovacuum leaves them (the app role may not VACUUM the owner's tables).
        let owner = try PostgresConnection(ConnectionString(try #require(TestEnvironment.ownerDatabaseURL)))
        for table in ["attribution_influencers", "attribution_influencer_daily"] {
            _ = try owner.query("VACUUM (ANALYZE) \(table)")
        }
    }
}

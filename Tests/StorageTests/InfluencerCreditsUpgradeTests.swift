import Foundation
import Storage
import TestSupport
import Testing

/// 0023_influencer_order_credits turns the credits stored once per
/// (influencer, order, model, window) into one row per (influencer, order),
/// a code credit into one entry under ('*', '*'), and moves the code
/// credits' share of the daily roll-up to ('*', '*') rows, so the metrics
/// read the same sums before and after.
@Suite("Storage: influencer credits upgrade")
struct InfluencerCreditsUpgradeTests {
    static let models = ["first_touch", "last_touch", "linear", "time_decay", "position_based"]
    static let windows = ["1d", "7d", "14d", "28d", "30d", "90d"]

    @Test(.enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
    func creditsBecomeOneRowPerOrderAndTheMetricsStayTheSame() async throws {
        let (tenant, first, second) = (UUID(), UUID(), UUID())
        let (coded, touched) = (UUID(), UUID())
        /// The (model, window) sums the metrics read, for each influencer.
        func metrics(_ connection: PostgresConnection, model: String, window: String) throws -> [[String?]] {
            try connection.query(
                """
                SELECT influencer_id::text, sum(conversions)::text, sum(new_customer_conversions)::text, sum(revenue_minor)::text
                FROM attribution_influencer_daily
                WHERE tenant_id = $1 AND model = ANY(ARRAY[$2, '*']) AND attribution_window = ANY(ARRAY[$3, '*'])
                GROUP BY 1 ORDER BY 1
                """, [tenant, model, window]
            ).rows
        }
        let ids = [first, second].map { $0.uuidString.lowercased() }.sorted()
        let (low, high) = (ids[0], ids[1])
        try await MigrationUpgrade.run(
            to: "influencer_order_credits", forced: ["attribution_influencer_daily", "attribution_influencer_order_credits"]
        ) { connection in
            try MigrationUpgrade.inTenant(tenant, connection) {
                _ = try connection.query("INSERT INTO tenants (id, name) VALUES ($1, 't')", [tenant])
                _ = try connection.query(
                    """
                    INSERT INTO attribution_conversions (tenant_id, id, order_id, ordered_at, revenue_minor, currency,
                        is_new_customer)
                    VALUES ($1, $2, 'coded', '2026-03-01T10:00:00Z', 1001, 'EUR', true),
                           ($1, $3, 'touched', '2026-03-01T11:00:00Z', 800, 'EUR', false)
                    """, [tenant, coded, touched])
                // The coded order, shared by both influencers' code under
                // every model and window (the remainder unit to the lower id).
                _ = try connection.query(
                    """
                    INSERT INTO attribution_influencer_credits (tenant_id, influencer_id, model, attribution_window,
                        conversion_id, day, via, credit, revenue_minor, is_new_customer)
                    SELECT $1, i.id::uuid, m, w, $2, '2026-03-01', 'code', 0.5, CASE WHEN i.id = $5 THEN 501 ELSE 500 END, true
                    FROM unnest($3::text[]) m, unnest($4::text[]) w, unnest(ARRAY[$5, $6]) AS i(id)
                    """, [tenant, coded, Self.models, Self.windows, low, high])
                // The touched order, credited to the first influencer under two of them.
                _ = try connection.query(
                    """
                    INSERT INTO attribution_influencer_credits (tenant_id, influencer_id, model, attribution_window,
                        conversion_id, day, via, credit, revenue_minor, is_new_customer)
                    VALUES ($1, $3, 'linear', '30d', $2, '2026-03-01', 'touch', 0.25, 200, false),
                           ($1, $3, 'last_touch', '7d', $2, '2026-03-01', 'touch', 1, 800, false)
                    """, [tenant, touched, low])
                // The roll-up as matching kept it: the credits' sums.
                _ = try connection.query(
                    """
                    INSERT INTO attribution_influencer_daily (tenant_id, model, attribution_window, day, influencer_id,
                        conversions, new_customer_conversions, revenue_minor)
                    SELECT tenant_id, model, attribution_window, day, influencer_id, sum(credit),
                        coalesce(sum(credit) FILTER (WHERE is_new_customer), 0), sum(revenue_minor)
                    FROM attribution_influencer_credits GROUP BY 1, 2, 3, 4, 5
                    """)
                #expect(try metrics(connection, model: "linear", window: "30d") == [
                    [low, "0.75000000", "0.50000000", "701"], [high, "0.50000000", "0.50000000", "500"],
                ])
            }
        } check: { connection in
            try MigrationUpgrade.inTenant(tenant, connection) {
                let credits = try connection.query(
                    """
                    SELECT conversion_id::text, influencer_id::text, day::text, is_new_customer::text, via,
                        models::text, windows::text, credits::text, revenues::text
                    FROM attribution_influencer_order_credits ORDER BY via, influencer_id
                    """)
                let (codedID, touchedID) = (coded.uuidString.lowercased(), touched.uuidString.lowercased())
                #expect(credits.rows == [
                    [codedID, low, "2026-03-01", "true", "code", "{*}", "{*}", "{0.50000000}", "{501}"],
                    [codedID, high, "2026-03-01", "true", "code", "{*}", "{*}", "{0.50000000}", "{500}"],
                    [touchedID, low, "2026-03-01", "false", "touch", "{last_touch,linear}", "{7d,30d}",
                        "{1.00000000,0.25000000}", "{800,200}"],
                ])
                // The same sums as before, under every model and window.
                #expect(try metrics(connection, model: "linear", window: "30d") == [
                    [low, "0.75000000", "0.50000000", "701"], [high, "0.50000000", "0.50000000", "500"],
                ])
                #expect(try metrics(connection, model: "last_touch", window: "7d") == [
                    [low, "1.50000000", "0.50000000", "1301"], [high, "0.50000000", "0.50000000", "500"],
                ])
                #expect(try metrics(connection, model: "first_touch", window: "1d") == [
                    [low, "0.50000000", "0.50000000", "501"], [high, "0.50000000", "0.50000000", "500"],
                ])
                // Rows: the code credits once under '*', the touch credits where they were, nothing at zero.
                let rows = try connection.query(
                    "SELECT model, attribution_window FROM attribution_influencer_daily ORDER BY 1, 2, influencer_id")
                #expect(rows.rows == [["*", "*"], ["*", "*"], ["last_touch", "7d"], ["linear", "30d"]])
            }
            let old = try connection.query("SELECT to_regclass('attribution_influencer_credits') IS NULL")
            #expect(old.rows == [["t"]], "the old table is gone")
        }
    }
}

import Foundation
import Protos
import RPCClient
import Storage
import TestSupport
import Testing
import Wire

/// Orders and touchpoints through the Ingest service, and the results and
/// daily metrics they leave in PostgreSQL.
@Suite("Ingest: orders, touchpoints and attribution", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct AttributionIngestTests {
    static let orderedAt = Date(timeIntervalSince1970: 1_773_144_000)  // 2026-03-10T12:00:00Z
    static func daysBefore(_ days: Double) -> Date { orderedAt.addingTimeInterval(-days * 86_400) }

    /// docs/ATTRIBUTION.md's worked example, end to end: its tables are what this reads back.
    @Test func reproducesTheWorkedExample() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var touches = Attribution_V1_RecordTouchpointsRequest()
                touches.touchpoints = [
                    Fixtures.touchpoint("T0", "organic_search", at: Self.daysBefore(120), customer: "cust-1"),
                    Fixtures.touchpoint("T1", "paid_social", campaign: "spring_launch", at: Self.daysBefore(18), customer: "cust-1"),
                    Fixtures.touchpoint("T2", "email", campaign: "newsletter_w10", at: Self.daysBefore(7), session: "sess-9"),
                    Fixtures.touchpoint("T3", "paid_search", campaign: "brand", at: Self.daysBefore(1), customer: "cust-1"),
                ]
                _ = try await ingest.recordTouchpoints(touches)
                var orders = Attribution_V1_RecordOrdersRequest()
                // The order stitches session sess-9 (T2's) to cust-1.
                orders.orders = [Fixtures.order("1001", at: Self.orderedAt, revenue: 12_000, customer: "cust-1", session: "sess-9")]
                let response = try await ingest.recordOrders(orders)
                #expect(response.accepted == 1)
            }
        }
        try await TenantData.with { data in
            let daily = try await data.rows(
                tenant,
                """
                SELECT model || ' ' || attribution_window || ' ' || channel || ' ' || conversions::text || ' ' || revenue_minor AS line
                FROM attribution_daily_metrics WHERE day = '2026-03-10' AND attribution_window IN ('28d', '7d')
                ORDER BY attribution_window, model, channel
                """)
            #expect(daily.map { $0["line"] ?? "" } == [
                "first_touch 28d paid_social 1.00000000 12000",
                "last_touch 28d paid_search 1.00000000 12000",
                "linear 28d email 0.33333333 4000",
                "linear 28d paid_search 0.33333333 4000",
                "linear 28d paid_social 0.33333334 4000",
                "position_based 28d email 0.20000000 2400",
                "position_based 28d paid_search 0.40000000 4800",
                "position_based 28d paid_social 0.40000000 4800",
                "time_decay 28d email 0.31766984 3812",
                "time_decay 28d paid_search 0.57544218 6905",
                "time_decay 28d paid_social 0.10688798 1283",
                "first_touch 7d email 1.00000000 12000",
                "last_touch 7d paid_search 1.00000000 12000",
                "linear 7d email 0.50000000 6000",
                "linear 7d paid_search 0.50000000 6000",
                "position_based 7d email 0.50000000 6000",
                "position_based 7d paid_search 0.50000000 6000",
                "time_decay 7d email 0.35568868 4268",
                "time_decay 7d paid_search 0.64431132 7732",
            ])
            let stitched = try await data.rows(tenant, "SELECT customer_id FROM customer_identities WHERE session_id = 'sess-9'")
            #expect(stitched.first("customer_id") == "cust-1")
        }
    }

    @Test func aLateTouchpointMovesAnOrderOffDirect() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [Fixtures.order("2001", at: Self.orderedAt, revenue: 5_000, customer: "late")]
                _ = try await ingest.recordOrders(orders)
                var touches = Attribution_V1_RecordTouchpointsRequest()
                touches.touchpoints = [Fixtures.touchpoint("L1", "affiliate", at: Self.daysBefore(3), customer: "late")]
                let response = try await ingest.recordTouchpoints(touches)
                #expect(response.ordersReattributed == 1)
            }
        }
        try await TenantData.with { data in
            let channels = try await data.rows(
                tenant,
                """
                SELECT attribution_window || ' ' || channel || ' ' || revenue_minor AS line FROM attribution_daily_metrics
                WHERE model = 'last_touch' ORDER BY attribution_window, channel
                """)
            // Inside 7 days and more the affiliate touch now has it; 1 day is still direct; no row is left at zero.
            #expect(channels.map { $0["line"] ?? "" } == [
                "14d affiliate 5000", "1d direct 5000", "28d affiliate 5000", "30d affiliate 5000",
                "7d affiliate 5000", "90d affiliate 5000",
            ])
        }
    }

    @Test func aSessionTouchpointCountsOnceTheSessionIsStitched() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [Fixtures.order("3001", at: Self.orderedAt, revenue: 900, customer: "c3")]
                _ = try await ingest.recordOrders(orders)
                var touches = Attribution_V1_RecordTouchpointsRequest()
                // Anonymous: not yet anyone's.
                touches.touchpoints = [Fixtures.touchpoint("S1", "tiktok_ads", at: Self.daysBefore(2), session: "anon")]
                #expect(try await ingest.recordTouchpoints(touches).ordersReattributed == 0)
                // A later visit names both: the session becomes c3's, and so does S1.
                touches.touchpoints = [Fixtures.touchpoint("S2", "email", at: Self.daysBefore(-1), customer: "c3", session: "anon")]
                #expect(try await ingest.recordTouchpoints(touches).ordersReattributed == 1)
            }
        }
        let channel = try await TenantData.with {
            try await $0.rows(tenant, "SELECT channel FROM attribution_results WHERE model = 'first_touch' AND attribution_window = '7d'")
        }
        #expect(channel.map { $0["channel"] } == ["tiktok_ads"])
    }

    @Test func ordersAreIdempotentAndInTheTenantsCurrency() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [
                    Fixtures.order("4001", at: Self.orderedAt, revenue: 1_000),
                    Fixtures.order("4002", at: Self.orderedAt, revenue: 2_000, currency: "EUR"),
                    Fixtures.order("4001", at: Self.orderedAt, revenue: 9_999),
                    Fixtures.order("4003", at: Self.orderedAt, revenue: -1),
                ]
                let response = try await ingest.recordOrders(orders)
                #expect(response.accepted == 1)
                #expect(response.duplicates == 1)
                #expect(response.rejected.map(\.index) == [1, 3])
                #expect(response.rejected.map(\.field) == ["revenue.currency_code", "revenue.amount_minor"])
                #expect(response.rejected[0].reason.contains("reporting currency USD"))
            }
        }
        let revenue = try await TenantData.with {
            try await $0.rows(tenant, "SELECT sum(revenue_minor) AS r FROM attribution_daily_metrics WHERE model = 'linear' AND attribution_window = '30d'")
        }
        #expect(revenue.first("r") == "1000")
    }

    @Test func touchpointsNeedSomeoneToBelongTo() async throws {
        let tenant = try TestTenant()
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var touches = Attribution_V1_RecordTouchpointsRequest()
                touches.touchpoints = [
                    Fixtures.touchpoint("N1", "email", at: Self.orderedAt),
                    Fixtures.touchpoint("N2", "Paid Social", at: Self.orderedAt, customer: "x"),
                    Fixtures.touchpoint("N3", "email", at: Self.orderedAt, customer: "x"),
                ]
                return try await ingest.recordTouchpoints(touches)
            }
        }
        #expect(response.accepted == 1)
        #expect(response.rejected.map(\.index) == [0, 1])
        #expect(response.rejected.map(\.field) == ["", "channel"])
    }
}

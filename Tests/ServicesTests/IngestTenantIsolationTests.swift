import Foundation
import Protos
import Storage
import TestSupport
import Testing

/// Tenant B's orders and touchpoints, with the same ids, customer ids and
/// session ids as tenant A's, are B's own: A's results and daily metrics
/// stay exactly as they were.
@Suite("Ingest: tenant isolation", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestTenantIsolationTests {
    static let orderedAt = AttributionIngestTests.orderedAt
    static func daysBefore(_ days: Double) -> Date { AttributionIngestTests.daysBefore(days) }

    @Test func tenantBsOrdersAndTouchpointsLeaveTenantAsAttributionAlone() async throws {
        let (a, b) = (try TestTenant(), try TestTenant())
        try await AttrdHarness.withServer { attrd in
            let before = try await attrd.withIngest(a) { ingest in
                var touches = Attribution_V1_RecordTouchpointsRequest()
                touches.touchpoints = [
                    Fixtures.touchpoint("shared-1", "paid_social", at: Self.daysBefore(5), customer: "cust", session: "sess"),
                    Fixtures.touchpoint("shared-2", "email", at: Self.daysBefore(2), session: "sess"),
                ]
                _ = try await ingest.recordTouchpoints(touches)
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [Fixtures.order("order-1", at: Self.orderedAt, revenue: 10_000, customer: "cust", session: "sess")]
                #expect(try await ingest.recordOrders(orders).accepted == 1)
                return try await TenantData.with { try await $0.attribution(a) }
            }
            #expect(before.daily.contains { $0.hasPrefix("2026-03-10 linear 7d email  0.50000000 5000 ") })

            try await attrd.withIngest(b) { ingest in
                // B's orders first (in its own currency), then touchpoints of the
                // same ids, customer and session: late data, in B only.
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [
                    Fixtures.order("order-1", at: Self.orderedAt, revenue: 7_000, currency: "EUR", customer: "cust", session: "sess"),
                    Fixtures.order("order-2", at: Self.daysBefore(1), revenue: 3_000, currency: "EUR", customer: "cust"),
                ]
                let stored = try await ingest.recordOrders(orders)
                #expect((stored.accepted, stored.duplicates) == (2, 0))
                var touches = Attribution_V1_RecordTouchpointsRequest()
                touches.touchpoints = [
                    Fixtures.touchpoint("shared-1", "affiliate", at: Self.daysBefore(3), customer: "cust", session: "sess"),
                    Fixtures.touchpoint("shared-2", "tiktok_ads", at: Self.daysBefore(1.5), session: "sess"),
                ]
                let response = try await ingest.recordTouchpoints(touches)
                #expect((response.accepted, response.duplicates) == (2, 0))
                // B's two orders; A's order-1 of the same customer is not B's.
                #expect(response.ordersReattributed == 2)
            }
            let after = try await TenantData.with { try await $0.attribution(a) }
            #expect(after.results == before.results)
            #expect(after.daily == before.daily)
        }
        try await TenantData.with { data in
            let seenByB = try await data.rows(
                b, "SELECT DISTINCT channel || ' ' || currency AS line FROM attribution_daily_metrics ORDER BY 1")
            #expect(seenByB.map { $0["line"] ?? "" } == ["affiliate EUR", "direct EUR", "tiktok_ads EUR"])
            let revenue = try await data.rows(
                b, "SELECT sum(revenue_minor) AS r FROM attribution_daily_metrics WHERE model = 'linear' AND attribution_window = '90d'")
            #expect(revenue.first("r") == "10000")
            let identities = try await data.rows(a, "SELECT session_id || ' ' || customer_id AS line FROM customer_identities")
            #expect(identities.map { $0["line"] ?? "" } == ["sess cust"])
        }
    }
}

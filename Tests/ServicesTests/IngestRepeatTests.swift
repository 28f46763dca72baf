import Foundation
import Protos
import Storage
import SwiftProtobuf
import TestSupport
import Testing

/// Records sent again in a later call: duplicates, the first one kept, and
/// nothing attributed again.
@Suite("Ingest: records sent again", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestRepeatTests {
    static let orderedAt = AttributionIngestTests.orderedAt
    static func daysBefore(_ days: Double) -> Date { AttributionIngestTests.daysBefore(days) }

    @Test func aTouchpointSentTwiceIsADuplicateAndAttributesNothingAgain() async throws {
        let tenant = try TestTenant()
        var touches = Attribution_V1_RecordTouchpointsRequest()
        touches.touchpoints = [Fixtures.touchpoint("R1", "email", campaign: "first", at: Self.daysBefore(2), customer: "rc")]
        let (before, second) = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [Fixtures.order("R-100", at: Self.orderedAt, revenue: 2_500, customer: "rc")]
                _ = try await ingest.recordOrders(orders)
                let first = try await ingest.recordTouchpoints(touches)
                #expect((first.accepted, first.duplicates, first.ordersReattributed) == (1, 0, 1))
                let before = try await TenantData.with { try await $0.attribution(tenant) }
                // The same id with other values, in a later call: still the same touchpoint.
                var again = touches
                again.touchpoints[0].channel = "paid_social"
                again.touchpoints[0].occurredAt = Google_Protobuf_Timestamp(date: Self.daysBefore(1))
                return (before, try await ingest.recordTouchpoints(again))
            }
        }
        #expect((second.accepted, second.duplicates, second.ordersReattributed) == (0, 1, 0))
        #expect(second.rejected.isEmpty)
        let after = try await TenantData.with { try await $0.attribution(tenant) }
        #expect(after.results == before.results)
        #expect(after.daily == before.daily)
        #expect(before.daily.contains { $0.hasPrefix("2026-03-10 last_touch 7d email first 1.00000000 2500 ") })
        let stored = try await TenantData.with {
            try await $0.rows(tenant, "SELECT channel, campaign FROM attribution_touchpoints WHERE touchpoint_id = 'R1'")
        }
        #expect(stored.map { "\($0["channel"] ?? "") \($0["campaign"] ?? "")" } == ["email first"])
    }

    @Test func anOrderResentInALaterCallIsADuplicateAndKeepsItsFirstValues() async throws {
        let tenant = try TestTenant()
        let (before, second) = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var touches = Attribution_V1_RecordTouchpointsRequest()
                touches.touchpoints = [Fixtures.touchpoint("O1", "affiliate", at: Self.daysBefore(3), customer: "oc")]
                _ = try await ingest.recordTouchpoints(touches)
                var orders = Attribution_V1_RecordOrdersRequest()
                orders.orders = [Fixtures.order("O-200", at: Self.orderedAt, revenue: 4_000, customer: "oc")]
                #expect(try await ingest.recordOrders(orders).accepted == 1)
                let before = try await TenantData.with { try await $0.attribution(tenant) }
                // Same id in a later call, with another revenue, time and customer (who has no touchpoint).
                orders.orders = [Fixtures.order("O-200", at: Self.daysBefore(1), revenue: 9_000, customer: "other")]
                return (before, try await ingest.recordOrders(orders))
            }
        }
        #expect((second.accepted, second.duplicates) == (0, 1))
        #expect(second.rejected.isEmpty)
        let after = try await TenantData.with { try await $0.attribution(tenant) }
        #expect(after.results == before.results)
        #expect(after.daily == before.daily)
        #expect(after.daily.filter { $0.contains(" linear 30d ") }.map { $0.split(separator: " ").prefix(7).joined(separator: " ") }
            == ["2026-03-10 linear 30d affiliate 1.00000000 4000 0"])
        let stored = try await TenantData.with {
            try await $0.rows(tenant, "SELECT revenue_minor, customer_id FROM attribution_conversions")
        }
        #expect(stored.map { "\($0["revenue_minor"] ?? "") \($0["customer_id"] ?? "")" } == ["4000 oc"])
    }

    /// Deduplication is on (platform, event_name, event_id), as Meta's: the
    /// same event_id under another event name (or platform) is another event.
    @Test func theSameEventIDUnderAnotherEventNameIsNotADuplicate() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_IngestPixelEventsRequest()
                request.events = [Fixtures.event("shared", type: .purchase)]
                #expect(try await ingest.ingestPixelEvents(request).accepted == 1)
                var checkout = Fixtures.event("shared", type: .checkout)
                checkout.eventName = "InitiateCheckout"
                var custom = Fixtures.event("shared", type: .purchase)
                custom.eventName = "PurchaseVIP"
                request.events = [checkout, custom, Fixtures.event("shared", platform: .tiktok)]
                let second = try await ingest.ingestPixelEvents(request)
                #expect((second.accepted, second.duplicates) == (3, 0))
                // The first one again, by (platform, event_name, event_id): a duplicate.
                request.events = [Fixtures.event("shared", type: .purchase)]
                let third = try await ingest.ingestPixelEvents(request)
                #expect((third.accepted, third.duplicates) == (0, 1))
            }
        }
        let stored = try await TenantData.with {
            try await $0.rows(tenant, "SELECT platform || ' ' || event_name AS line FROM pixel_events ORDER BY 1")
        }
        #expect(stored.map { $0["line"] ?? "" } == [
            "meta InitiateCheckout", "meta Purchase", "meta PurchaseVIP", "tiktok CompletePayment",
        ])
    }
}

import Foundation
import Protos
import Storage
import SwiftProtobuf
import TestSupport
import Testing

/// A duplicate with other content than the stored record is a conflict:
/// counted as a duplicate, listed in `conflicts` by index with the fields
/// that differ, and the first version stays.
@Suite("Ingest: conflicting duplicates", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestConflictTests {
    static let orderedAt = AttributionIngestTests.orderedAt

    @Test func anOrderResentWithAnotherRevenueIsAConflictAndKeepsTheFirst() async throws {
        let tenant = try TestTenant()
        let second = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_RecordOrdersRequest()
                request.orders = [Fixtures.order("O-1", at: Self.orderedAt, revenue: 100, customer: "c1")]
                #expect(try await ingest.recordOrders(request).conflicts.isEmpty)
                request.orders = [
                    Fixtures.order("O-1", at: Self.orderedAt, revenue: 999, customer: "c2"),
                    Fixtures.order("O-1", at: Self.orderedAt, revenue: 100, customer: "c1"),
                    Fixtures.order("O-2", at: Self.orderedAt, revenue: 50),
                ]
                return try await ingest.recordOrders(request)
            }
        }
        #expect((second.accepted, second.duplicates) == (1, 2))
        #expect(second.rejected.isEmpty)
        #expect(second.conflicts.map { "\($0.index) \($0.field)" } == ["0 revenue.amount_minor"])
        #expect(second.conflicts.first?.reason
            == "differs from the order already stored with this order_id (revenue.amount_minor, customer_id): not stored, the first version stays")
        let stored = try await TenantData.with {
            try await $0.rows(tenant, "SELECT order_id, revenue_minor FROM attribution_conversions ORDER BY order_id")
        }
        #expect(stored.map { "\($0["order_id"] ?? "") \($0["revenue_minor"] ?? "")" } == ["O-1 100", "O-2 50"])
    }

    @Test func aTouchpointRepeatedInOneBatchWithAnotherChannelIsAConflict() async throws {
        let tenant = try TestTenant()
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_RecordTouchpointsRequest()
                request.touchpoints = [
                    Fixtures.touchpoint("T-1", "email", at: Self.orderedAt, customer: "c1"),
                    Fixtures.touchpoint("T-1", "email", at: Self.orderedAt, customer: "c1"),
                    Fixtures.touchpoint("T-1", "paid_social", at: Self.orderedAt, customer: "c1"),
                ]
                return try await ingest.recordTouchpoints(request)
            }
        }
        #expect((response.accepted, response.duplicates) == (1, 2))
        #expect(response.conflicts.map { "\($0.index) \($0.field)" } == ["2 channel"])
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT channel FROM attribution_touchpoints") }
        #expect(stored.map { $0["channel"] } == ["email"])
    }

    /// The delivery outcome is not compared (delivery changes it); the
    /// sender's content is, user data included.
    @Test func aPixelEventResentWithOtherContentIsAConflict() async throws {
        let tenant = try TestTenant()
        let at = Date().addingTimeInterval(-600)
        let second = try await AttrdHarness.withServer { attrd in
            let first = try await attrd.ingest(tenant, events: [Fixtures.event("e1", at: at, orderID: "A", email: "a@example.com")])
            #expect(first.conflicts.isEmpty)
            return try await attrd.ingest(tenant, events: [
                Fixtures.event("e1", at: at, orderID: "A", email: "a@example.com", delivery: .failed, error: "timeout"),
                Fixtures.event("e1", at: at, orderID: "B", email: "b@example.com"),
            ])
        }
        #expect((second.accepted, second.duplicates) == (0, 2))
        #expect(second.conflicts.map { "\($0.index) \($0.field)" } == ["1 order_id"])
        #expect(second.conflicts.first?.reason.contains("(order_id, user_data)") == true)
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT order_id FROM pixel_events") }
        #expect(stored.map { $0["order_id"] } == ["A"])
    }
}

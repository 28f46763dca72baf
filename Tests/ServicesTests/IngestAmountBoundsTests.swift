import Foundation
import Protos
import Storage
import TestSupport
import Testing

/// Money bounds (ingest.proto): an amount over 10¹⁵, or an order that would
/// bring its UTC day over 10¹⁶, is refused alone; the records beside it are
/// stored, and the daily roll-up never overflows.
@Suite("Ingest: amount bounds", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestAmountBoundsTests {
    static let orderedAt = AttributionIngestTests.orderedAt

    @Test func aHugeOrderIsRefusedAloneAndItsNeighbourStored() async throws {
        let tenant = try TestTenant()
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_RecordOrdersRequest()
                request.orders = [
                    Fixtures.order("valid", at: Self.orderedAt, revenue: 1_000),
                    Fixtures.order("huge", at: Self.orderedAt, revenue: Int64.max),
                    Fixtures.order("just-over", at: Self.orderedAt, revenue: 1_000_000_000_000_001),
                ]
                return try await ingest.recordOrders(request)
            }
        }
        #expect(response.accepted == 1)
        #expect(response.rejected.map(\.index) == [1, 2])
        #expect(response.rejected.allSatisfy { $0.field == "revenue.amount_minor" })
        #expect(response.rejected[0].reason == "is more than 1000000000000000, the most one amount may be")
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT order_id FROM attribution_conversions") }
        #expect(stored.map { $0["order_id"] } == ["valid"])
    }

    @Test func anEventValueOverTheBoundIsRefusedAlone() async throws {
        let tenant = try TestTenant()
        var huge = Fixtures.event("huge")
        huge.value.amountMinor = 1_000_000_000_000_001
        huge.value.currencyCode = "USD"
        var largest = Fixtures.event("largest")
        largest.value.amountMinor = 1_000_000_000_000_000
        largest.value.currencyCode = "USD"
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.ingest(tenant, events: [huge, largest])
        }
        #expect(response.accepted == 1)
        #expect(response.rejected.map { "\($0.index) \($0.field)" } == ["0 value.amount_minor"])
    }

    /// Ten orders of the largest amount fill a day (10¹⁶); the eleventh, in a
    /// later call, is refused alone, and an order of another day is not
    /// affected. Before the bound, two 5 × 10¹⁸ orders overflowed the roll-up.
    @Test func largeOrdersOnOneDayNeverOverflowTheRollUp() async throws {
        let tenant = try TestTenant()
        let largest = Int64(1_000_000_000_000_000)
        let (first, second) = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_RecordOrdersRequest()
                request.orders = (0..<10).map { Fixtures.order("big-\($0)", at: Self.orderedAt, revenue: largest) }
                // A copy of a stored id adds nothing to the day: a duplicate, not a refusal.
                request.orders.append(Fixtures.order("big-0", at: Self.orderedAt, revenue: largest))
                let first = try await ingest.recordOrders(request)
                request.orders = [
                    Fixtures.order("small-same-day", at: Self.orderedAt.addingTimeInterval(60), revenue: 1),
                    Fixtures.order("next-day", at: Self.orderedAt.addingTimeInterval(86_400), revenue: largest),
                ]
                return (first, try await ingest.recordOrders(request))
            }
        }
        #expect((first.accepted, first.duplicates, first.rejected.count) == (10, 1, 0))
        #expect((second.accepted, second.rejected.map(\.index)) == (1, [0]))
        #expect(second.rejected.first?.field == "revenue.amount_minor")
        #expect(second.rejected.first?.reason.contains("2026-03-10") == true)
        let daily = try await TenantData.with {
            try await $0.rows(
                tenant,
                "SELECT day::text AS day, sum(revenue_minor)::text AS revenue FROM attribution_daily_metrics WHERE model = 'linear' AND attribution_window = '30d' GROUP BY day ORDER BY day")
        }
        #expect(daily.map { "\($0["day"] ?? "") \($0["revenue"] ?? "")" } == [
            "2026-03-10 10000000000000000", "2026-03-11 1000000000000000",
        ])
    }
}

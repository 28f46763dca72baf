import AttributionCore
import AttributionStore
import Foundation
import Storage
import TestSupport
import Testing

/// The query layer over the daily roll-up, on data stored through IngestStore.
@Suite("Metrics reader", .enabled(if: TestEnvironment.hasDatabase, "needs make test's database"))
struct MetricsReaderTests {
    static func at(_ day: String, hour: Int = 12) -> Date {
        CalendarDay(iso: day)!.start.addingTimeInterval(TimeInterval(hour) * 3600)
    }

    @Test func totalsChannelsAndThePreviousPeriod() async throws {
        let tenant = UUID()
        try await TenantData.with { data in
            let store = IngestStore(database: data.database)
            _ = try await store.recordTouchpoints([
                TouchpointRecord(touchpointID: "a", channel: "email", occurredAt: Self.at("2026-05-01"), customerID: "c1"),
                TouchpointRecord(touchpointID: "b", channel: "paid_social", occurredAt: Self.at("2026-05-03"), customerID: "c2"),
                TouchpointRecord(touchpointID: "c", channel: "email", occurredAt: Self.at("2026-04-25"), customerID: "c3"),
            ], tenantID: tenant)
            _ = try await store.recordOrders([
                OrderRecord(orderID: "1", orderedAt: Self.at("2026-05-02"), revenueMinor: 1_000, currency: "USD", customerID: "c1"),
                OrderRecord(orderID: "2", orderedAt: Self.at("2026-05-04"), revenueMinor: 3_000, currency: "USD", customerID: "c2"),
                OrderRecord(orderID: "3", orderedAt: Self.at("2026-05-04"), revenueMinor: 500, currency: "USD", customerID: "c9"),
                // The previous period (2026-04-27 to 2026-04-30) of a 4-day range.
                OrderRecord(orderID: "4", orderedAt: Self.at("2026-04-28"), revenueMinor: 2_000, currency: "USD", customerID: "c3"),
            ], tenantID: tenant)

            let reader = MetricsReader(database: data.database)
            let query = MetricsQuery(
                first: CalendarDay(iso: "2026-05-01")!, last: CalendarDay(iso: "2026-05-04")!, model: .lastTouch,
                window: .sevenDays)
            let report = try await reader.report(query, tenantID: tenant)
            #expect(report.rows.map { "\($0.day) \($0.channel) \($0.totals.revenueMinor)" } == [
                "2026-05-02 email 1000", "2026-05-04 direct 500", "2026-05-04 paid_social 3000",
            ])
            #expect(report.channels.map(\.channel) == ["paid_social", "email", "direct"])
            #expect(report.totals == MetricTotals(revenueMinor: 4_500, conversions: 3, currency: "USD"))
            #expect(report.previousTotals.revenueMinor == 2_000)
            #expect(report.revenueChangeMinor == 2_500)
            #expect(report.revenueChangePercent == 125)
            #expect(report.totals.averageOrderValueMinor == 1_500)

            var emailOnly = query
            emailOnly.channels = ["email"]
            let filtered = try await reader.report(emailOnly, tenantID: tenant)
            #expect(filtered.totals.revenueMinor == 1_000)
            #expect(filtered.previousTotals.revenueMinor == 2_000)

            // Another tenant sees none of it.
            let other = try await reader.report(query, tenantID: UUID())
            #expect(other.rows.isEmpty)
            #expect(other.totals == MetricTotals())
        }
    }

    @Test func calendarDays() {
        #expect(CalendarDay(iso: "2026-02-29") == nil)
        #expect(CalendarDay(iso: "2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDay(iso: "2026-05-01")!.days(to: CalendarDay(iso: "2026-05-04")!) == 3)
        let query = MetricsQuery(
            first: CalendarDay(iso: "2026-03-01")!, last: CalendarDay(iso: "2026-03-31")!, model: .linear, window: .thirtyDays)
        #expect(query.previousPeriod.first.description == "2026-01-29")
        #expect(query.previousPeriod.last.description == "2026-02-28")
    }
}

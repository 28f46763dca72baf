import AttributionCore
import AttributionStore
import Foundation
import Storage
import TestSupport
import Testing

/// The query layer over the daily roll-up, on data stored through IngestStore
/// (and spend written into the roll-up as a platform sync would), against
/// hand-computed totals and deltas.
@Suite("Metrics reader", .enabled(if: TestEnvironment.hasDatabase, "needs make test's database"))
struct MetricsReaderTests {
    static func at(_ day: String, hour: Int = 12) -> Date {
        CalendarDay(iso: day)!.start.addingTimeInterval(TimeInterval(hour) * 3600)
    }

    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    /// A 4-day range, 2026-05-01 to 2026-05-04, and its previous period,
    /// 2026-04-27 to 2026-04-30. Under last touch, 7 days:
    ///
    /// | channel | revenue now / then | conversions | spend |
    /// | paid_social | 3000 / 500 | 1 / 1 | 1200 / 800 |
    /// | email | 1000 / 2000 | 1 / 1 | 0 / 200 |
    /// | direct | 500 / 1000 | 1 / 1 | 0 / 0 |
    /// | affiliate | 0 / 1500 | 0 / 1 | 0 / 0 |
    /// | paid_search | 0 / 0 | 0 / 0 | 300 / 0 |
    /// | total | 4500 / 5000 | 3 / 4 | 1500 / 1000 |
    static func seed(_ tenant: UUID, in data: TenantData) async throws {
        let store = IngestStore(database: data.database)
        _ = try await store.recordTouchpoints([
            TouchpointRecord(touchpointID: "a", channel: "email", occurredAt: at("2026-05-01"), customerID: "c1"),
            TouchpointRecord(touchpointID: "b", channel: "paid_social", occurredAt: at("2026-05-03"), customerID: "c2"),
            TouchpointRecord(touchpointID: "c", channel: "email", occurredAt: at("2026-04-25"), customerID: "c3"),
            TouchpointRecord(touchpointID: "d", channel: "affiliate", occurredAt: at("2026-04-28"), customerID: "c4"),
            TouchpointRecord(touchpointID: "e", channel: "paid_social", occurredAt: at("2026-04-29"), customerID: "c5"),
        ], tenantID: tenant)
        _ = try await store.recordOrders([
            OrderRecord(orderID: "1", orderedAt: at("2026-05-02"), revenueMinor: 1_000, currency: "USD", customerID: "c1"),
            OrderRecord(orderID: "2", orderedAt: at("2026-05-04"), revenueMinor: 3_000, currency: "USD", customerID: "c2"),
            OrderRecord(orderID: "3", orderedAt: at("2026-05-04"), revenueMinor: 500, currency: "USD", customerID: "c9"),
            OrderRecord(orderID: "4", orderedAt: at("2026-04-28"), revenueMinor: 2_000, currency: "USD", customerID: "c3"),
            OrderRecord(orderID: "5", orderedAt: at("2026-04-29"), revenueMinor: 1_500, currency: "USD", customerID: "c4"),
            OrderRecord(orderID: "6", orderedAt: at("2026-04-30"), revenueMinor: 500, currency: "USD", customerID: "c5"),
            OrderRecord(orderID: "7", orderedAt: at("2026-04-27"), revenueMinor: 1_000, currency: "USD", customerID: "c6"),
        ], tenantID: tenant)
        // Spend, as a platform sync writes it: per day, channel and campaign.
        let spend: [(String, String, Int64)] = [
            ("2026-05-03", "paid_social", 1_200), ("2026-05-02", "paid_search", 300),
            ("2026-04-29", "paid_social", 800), ("2026-04-27", "email", 200),
            // Outside both periods: never counted.
            ("2026-04-26", "paid_social", 9_999), ("2026-05-05", "paid_social", 9_999),
        ]
        try await data.database.withTenant(tenant) { tx in
            for (day, channel, amount) in spend {
                try await tx.query(
                    """
                    INSERT INTO attribution_daily_metrics (tenant_id, day, model, attribution_window, channel, campaign,
                        spend_minor, currency)
                    VALUES (app_current_tenant(), $1::date, 'last_touch', '7d', $2, 'spring_sale', $3, 'USD')
                    """, [day, channel, amount])
            }
        }
    }

    static let range = try! MetricsQuery(first: day("2026-05-01"), last: day("2026-05-04"), model: .lastTouch, window: .sevenDays)

    @Test func totalsChannelsAndDeltasAgainstThePreviousPeriod() async throws {
        let tenant = UUID()
        try await TenantData.with { data in
            try await Self.seed(tenant, in: data)
            let report = try await MetricsReader(database: data.database).report(Self.range, tenantID: tenant)
            #expect(report.rows.map { "\($0.day) \($0.channel) \($0.totals.revenueMinor) \($0.totals.spendMinor)" } == [
                "2026-05-02 email 1000 0", "2026-05-02 paid_search 0 300", "2026-05-03 paid_social 0 1200",
                "2026-05-04 direct 500 0", "2026-05-04 paid_social 3000 0",
            ])
            #expect(report.totals == MetricTotals(revenueMinor: 4_500, conversions: 3, spendMinor: 1_500, currency: "USD"))
            #expect(report.previousTotals == MetricTotals(revenueMinor: 5_000, conversions: 4, spendMinor: 1_000, currency: "USD"))
            #expect(report.totals.averageOrderValueMinor == 1_500)
            #expect(report.totals.roas == 3)

            let delta = report.delta
            #expect(delta.revenueChangeMinor == -500)
            #expect(delta.revenueChangePercent == -10)
            #expect(delta.conversionsChange == -1)
            #expect(delta.conversionsChangePercent == -25)
            #expect(delta.spendChangeMinor == 500)
            #expect(delta.spendChangePercent == 50)

            // (revenue, conversions, spend) changes and their percentages, per channel.
            func line(_ channel: MetricsReport.Channel) -> String {
                let d = channel.delta
                return "\(channel.channel) \(channel.totals.revenueMinor) \(d.revenueChangeMinor) \(d.revenueChangePercent)"
                    + " \(d.conversionsChange) \(d.conversionsChangePercent) \(d.spendChangeMinor) \(d.spendChangePercent)"
            }
            #expect(report.channels.map(line) == [
                "paid_social 3000 2500 500.0 0 0.0 400 50.0",
                "email 1000 -1000 -50.0 0 0.0 -200 -100.0",
                "direct 500 -500 -50.0 0 0.0 0 0.0",
                "affiliate 0 -1500 -100.0 -1 -100.0 0 0.0",
                // No spend before: the change is reported, its percentage is 0.
                "paid_search 0 0 0.0 0 0.0 300 0.0",
            ])
            #expect(report.channels.first { $0.channel == "affiliate" }?.totals == MetricTotals())
        }
    }

    @Test func aChannelFilterAppliesToBothPeriods() async throws {
        let tenant = UUID()
        try await TenantData.with { data in
            try await Self.seed(tenant, in: data)
            var emailOnly = Self.range
            emailOnly.channels = ["email"]
            let report = try await MetricsReader(database: data.database).report(emailOnly, tenantID: tenant)
            #expect(report.channels.map(\.channel) == ["email"])
            #expect(report.totals == MetricTotals(revenueMinor: 1_000, conversions: 1, currency: "USD"))
            #expect(report.previousTotals == MetricTotals(revenueMinor: 2_000, conversions: 1, spendMinor: 200, currency: "USD"))
            #expect(report.delta.revenueChangePercent == -50)
            #expect(report.delta.spendChangeMinor == -200)
            #expect(report.channels[0].delta == report.delta)
        }
    }

    /// A range and its comparison read by one statement (as QueryMetrics and
    /// KPI widgets do) give exactly what reading each alone gives, for every
    /// grouping: the previous period, one two periods back (a gap between),
    /// one with no rows at all, and an overlapping one (read separately).
    @Test func aRangeAndItsComparisonInOneStatementMatchEachReadAlone() async throws {
        let tenant = UUID()
        try await TenantData.with { data in
            try await Self.seed(tenant, in: data)
            let reader = MetricsReader(database: data.database)
            let overlapping = try MetricsQuery(first: Self.day("2026-04-30"), last: Self.day("2026-05-02"), model: .lastTouch, window: .sevenDays)
            for channels in [[], ["paid_social", "email"]] {
                var range = Self.range
                range.channels = channels
                var other = overlapping
                other.channels = channels
                for comparison in [range.previousPeriod, range.shifted(periods: 2), range.shifted(periods: 30), other] {
                    for grouping in MetricsGrouping.allCases {
                        let together = try await reader.groups(range, comparedWith: comparison, by: grouping, tenantID: tenant)
                        let current = try await reader.groups(range, by: grouping, tenantID: tenant)
                        let compared = try await reader.groups(comparison, by: grouping, tenantID: tenant)
                        #expect(together.current == current, "\(grouping) \(channels) against \(comparison.first)")
                        #expect(together.comparison == compared, "\(grouping) \(channels) against \(comparison.first)")
                    }
                }
            }
            // The previous period's figures, by hand (the table above).
            let (now, then) = try await reader.groups(Self.range, comparedWith: Self.range.previousPeriod, by: .total, tenantID: tenant)
            #expect(now.total.totals == MetricTotals(revenueMinor: 4_500, conversions: 3, spendMinor: 1_500, currency: "USD"))
            #expect(then.total.totals == MetricTotals(revenueMinor: 5_000, conversions: 4, spendMinor: 1_000, currency: "USD"))
            let weeks = try await reader.groups(Self.range, comparedWith: Self.range.previousPeriod, by: .week, tenantID: tenant)
            // 2026-04-27 is a Monday: the previous period is one week; 2026-05-04 starts another.
            #expect(weeks.comparison.groups.map { "\($0.period!) \($0.totals.revenueMinor)" } == ["2026-04-27 5000"])
            #expect(weeks.current.groups.map { "\($0.period!) \($0.totals.revenueMinor)" } == ["2026-05-01 1000", "2026-05-04 3500"])
        }
    }

    @Test func fractionalConversionsChangeExactly() async throws {
        let tenant = UUID()
        try await TenantData.with { data in
            try await Self.seed(tenant, in: data)
            var linear = Self.range
            linear.model = .linear
            // Order 8 in the range: two touchpoints, so linear gives each half.
            let store = IngestStore(database: data.database)
            _ = try await store.recordTouchpoints([
                TouchpointRecord(touchpointID: "f", channel: "email", occurredAt: Self.at("2026-05-02"), customerID: "c8"),
                TouchpointRecord(touchpointID: "g", channel: "affiliate", occurredAt: Self.at("2026-05-03"), customerID: "c8"),
            ], tenantID: tenant)
            _ = try await store.recordOrders(
                [OrderRecord(orderID: "8", orderedAt: Self.at("2026-05-03", hour: 18), revenueMinor: 801, currency: "USD", customerID: "c8")],
                tenantID: tenant)
            let report = try await MetricsReader(database: data.database).report(linear, tenantID: tenant)
            let affiliate = try #require(report.channels.first { $0.channel == "affiliate" })
            // 0.5 now against 1 then; 801 split 401 (the earlier touchpoint on a tie) and 400.
            #expect(affiliate.totals.conversions == Decimal(string: "0.5"))
            #expect(affiliate.totals.revenueMinor == 400)
            #expect(affiliate.delta.conversionsChange == Decimal(string: "-0.5"))
            #expect(affiliate.delta.conversionsChangePercent == -50)
            #expect(report.totals.conversions == 4)
            #expect(report.delta.conversionsChange == 0)
            #expect(report.delta.revenueChangeMinor == 301)
        }
    }

    @Test func anotherTenantSeesNothing() async throws {
        try await TenantData.with { data in
            try await Self.seed(UUID(), in: data)
            let other = try await MetricsReader(database: data.database).report(Self.range, tenantID: UUID())
            #expect(other.rows.isEmpty && other.channels.isEmpty)
            #expect(other.totals == MetricTotals() && other.previousTotals == MetricTotals())
            #expect(other.delta == MetricDelta(current: MetricTotals(), previous: MetricTotals()))
        }
    }

    @Test func rangesLongerThanTheMaximumOrBackwardsAreRefused() throws {
        let start = Self.day("2024-01-01")
        let longest = try MetricsQuery(
            first: start, last: start.adding(days: MetricsQuery.maximumDays - 1), model: .linear, window: .thirtyDays)
        #expect(longest.dayCount == 731)
        #expect(longest.previousPeriod.dayCount == 731)
        let tooLong = #expect(throws: MetricsQuery.InvalidRange.self) {
            try MetricsQuery(first: start, last: start.adding(days: MetricsQuery.maximumDays), model: .linear, window: .thirtyDays)
        }
        #expect(tooLong?.reason == "the range spans 732 days; at most 731 days can be queried at once")
        let backwards = #expect(throws: MetricsQuery.InvalidRange.self) {
            try MetricsQuery(first: start, last: start.adding(days: -1), model: .linear, window: .thirtyDays)
        }
        #expect(backwards?.reason == "the range ends (2023-12-31) before it starts (2024-01-01)")
    }

    @Test func calendarDays() throws {
        #expect(CalendarDay(iso: "2026-02-29") == nil)
        #expect(CalendarDay(iso: "2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDay(iso: "2026-05-01")!.days(to: CalendarDay(iso: "2026-05-04")!) == 3)
        let query = try MetricsQuery(
            first: CalendarDay(iso: "2026-03-01")!, last: CalendarDay(iso: "2026-03-31")!, model: .linear, window: .thirtyDays)
        #expect(query.previousPeriod.first.description == "2026-01-29")
        #expect(query.previousPeriod.last.description == "2026-02-28")
    }
}

import ArgumentParser
@testable import AttrctlCore
import Foundation
import Protos
import Testing

@Suite("attrctl metrics: flags become a QueryMetrics request, rows a table")
struct MetricsCommandTests {
    @Test func flagsBecomeTheRequest() throws {
        let request = try MetricsCommand.parse([
            "--model", "linear", "--window", "30d", "--from", "2026-05-01", "--to", "2026-05-07", "--by", "day", "--channel", "email",
        ]).request()
        #expect(request.model == .linear && request.window == .attributionWindow30Days && request.groupBy == .day)
        #expect(request.channels == ["email"])
        #expect(MetricsNames.day(request.dateRange.startDate) == "2026-05-01" && MetricsNames.day(request.dateRange.endDate) == "2026-05-07")
        // Defaults: last touch, 7 days, by channel, the 7 days before today.
        let defaults = try MetricsCommand.parse([]).request(today: Date(timeIntervalSince1970: 1_778_493_600))
        #expect(defaults.model == .lastTouch && defaults.window == .attributionWindow7Days && defaults.groupBy == .channel)
        #expect(MetricsNames.day(defaults.dateRange.startDate) == "2026-05-04" && MetricsNames.day(defaults.dateRange.endDate) == "2026-05-10")
        #expect(throws: (any Error).self) { _ = try MetricsCommand.parse(["--by", "hour"]).request() }
        #expect(throws: (any Error).self) { _ = try MetricsCommand.parse(["--from", "May 1"]).request() }
    }

    @Test func rowsBecomeATableWithTotals() {
        var response = Attribution_V1_QueryMetricsResponse()
        response.dateRange.startDate = Self.date(2026, 5, 4)
        response.dateRange.endDate = Self.date(2026, 5, 10)
        response.previousDateRange.startDate = Self.date(2026, 4, 27)
        response.previousDateRange.endDate = Self.date(2026, 5, 3)
        var row = Attribution_V1_MetricsRow()
        row.channel = "paid_social"
        row.values.revenue = Self.usd(500_000)
        row.values.conversions = 3
        row.values.spend = Self.usd(150_000)
        row.values.roas = 5000.0 / 1500
        row.previousValues.revenue = Self.usd(200_000)
        row.delta.revenueChangePercent = 150
        response.rows = [row]
        response.totals = row.values
        response.previousTotals = row.previousValues
        response.delta = row.delta
        #expect(MetricsTable.render(response, grouping: .channel) == """
            CHANNEL       REVENUE       CONVERSIONS   SPEND         ROAS   PREVIOUS REVENUE   CHANGE
            paid_social   5000.00 USD   3             1500.00 USD   3.33   2000.00 USD        +150.0%
            total         5000.00 USD   3             1500.00 USD   3.33   2000.00 USD        +150.0%
            2026-05-04 to 2026-05-10, against 2026-04-27 to 2026-05-03: revenue +150.0%, conversions +0.0%
            """)
    }

    static func date(_ year: Int32, _ month: Int32, _ day: Int32) -> Attribution_V1_Date {
        var date = Attribution_V1_Date()
        (date.year, date.month, date.day) = (year, month, day)
        return date
    }

    static func usd(_ minor: Int64) -> Attribution_V1_Money {
        var money = Attribution_V1_Money()
        money.amountMinor = minor
        money.currencyCode = "USD"
        return money
    }
}

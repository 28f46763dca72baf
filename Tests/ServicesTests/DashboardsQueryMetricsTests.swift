import Dashboards
import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// QueryMetrics over the same roll-up and layer as the widgets (`DashboardsMetricsFixture`).
@Suite("Dashboards: QueryMetrics", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardsQueryMetricsTests {
    typealias Metrics = DashboardsMetricsFixture

    static func query(
        _ fixture: DashboardsFixture, _ grouping: Attribution_V1_MetricsGrouping, kind: String = "user",
        _ configure: (inout Attribution_V1_QueryMetricsRequest) -> Void = { _ in }
    ) async throws -> Attribution_V1_QueryMetricsResponse {
        var request = Attribution_V1_QueryMetricsRequest()
        request.model = .lastTouch
        request.window = .attributionWindow7Days
        request.dateRange = Metrics.range("2026-05-04", "2026-05-10")
        request.groupBy = grouping
        configure(&request)
        return try await fixture.service.queryMetrics(request, context: fixture.context("ana", kind: kind))
    }

    @Test func metricsByChannelAndCampaignCarryThePreviousPeriod() async throws {
        try await DashboardsFixture.with(now: Metrics.now) { fixture in
            try await Metrics.seed(fixture.database, tenant: fixture.tenant.id)
            let channels = try await Self.query(fixture, .channel)
            #expect(channels.rows.map(\.channel) == ["paid_social", "email", "direct", "affiliate"])
            #expect(channels.rows.map(\.values.revenue.amountMinor) == [5000, 1000, 500, 250])
            #expect(channels.rows.map(\.previousValues.revenue.amountMinor) == [2000, 2500, 0, 0])
            #expect(channels.rows[0].delta.revenueChangeMinor == 3000 && channels.rows[0].delta.revenueChangePercent == 150)
            #expect(channels.rows[0].values.roas == 5000.0 / 1500 && channels.rows[0].values.spend.amountMinor == 1500)
            #expect(channels.totals.revenue.amountMinor == 6750 && channels.totals.conversions == 5.5 && channels.totals.revenue.currencyCode == "USD")
            #expect(channels.previousTotals.revenue.amountMinor == 4500 && channels.delta.revenueChangePercent == 50)
            #expect(channels.previousDateRange == Metrics.range("2026-04-27", "2026-05-03"))
            // The unset grouping is by channel, and a service may read metrics too.
            #expect(try await Self.query(fixture, .unspecified, kind: "service").rows == channels.rows)

            let campaigns = try await Self.query(fixture, .campaign)
            #expect(campaigns.rows.map { "\($0.channel)/\($0.campaign)" } == ["paid_social/spring", "paid_social/brand", "email/", "direct/", "affiliate/"])
            #expect(campaigns.rows.map(\.previousValues.revenue.amountMinor) == [2000, 0, 2500, 0, 0])

            let filtered = try await Self.query(fixture, .channel) { $0.channels = ["email"] }
            #expect(filtered.rows.map(\.channel) == ["email"] && filtered.totals.revenue.amountMinor == 1000)
            #expect(filtered.previousTotals.revenue.amountMinor == 2500)
        }
    }

    @Test func metricsByDayWeekAndMonthAreZeroFilled() async throws {
        try await DashboardsFixture.with(now: Metrics.now) { fixture in
            try await Metrics.seed(fixture.database, tenant: fixture.tenant.id)
            let days = try await Self.query(fixture, .day)
            #expect(days.rows.count == 7 && days.rows.map(\.values.revenue.amountMinor) == [4000, 0, 2500, 0, 0, 0, 250])
            #expect(days.rows[1].periodStart == Metrics.date("2026-05-05") && !days.rows[0].hasPreviousValues)
            let weeks = try await Self.query(fixture, .week) { $0.dateRange = Metrics.range("2026-04-20", "2026-05-10") }
            #expect(weeks.rows.map(\.values.revenue.amountMinor) == [3000, 4500, 6750])
            let months = try await Self.query(fixture, .month) { $0.dateRange = Metrics.range("2026-04-20", "2026-05-10") }
            #expect(months.rows.map(\.periodStart) == ["2026-04-20", "2026-05-01"].map(Metrics.date))
            #expect(months.rows.map(\.values.revenue.amountMinor) == [7500, 6750])
        }
    }

    @Test func badRequestsNameTheField() async throws {
        try await DashboardsFixture.with(now: Metrics.now) { fixture in
            let cases: [(String, (inout Attribution_V1_QueryMetricsRequest) -> Void)] = [
                ("model", { $0.model = .unspecified }),
                ("window", { $0.window = .unspecified }),
                ("date_range", { $0.clearDateRange() }),
                ("date_range.end_date", { $0.dateRange = Metrics.range("2026-05-04", "2026-05-12") }),
                ("date_range.start_date", { $0.dateRange.startDate = Metrics.date("2026-02-30") }),
                ("date_range", { $0.dateRange = Metrics.range("2024-01-01", "2026-05-10") }),
                ("channels[0]", { $0.channels = [""] }),
                ("group_by", { $0.groupBy = .UNRECOGNIZED(42) }),
            ]
            for (field, configure) in cases {
                let error = await DirectCall.status { _ = try await Self.query(fixture, .channel, configure) }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.hasPrefix(field + ":") == true, "expected \(field), got \(error?.message ?? "success")")
            }
        }
    }
}

import Dashboards
import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// GetWidgetData for every widget type and comparison mode, against the
/// hand-computed figures of `DashboardsMetricsFixture`.
@Suite("Dashboards: widget data", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardsWidgetDataTests {
    typealias Fixture = DashboardsFixture
    typealias Metrics = DashboardsMetricsFixture

    /// A fixture with the roll-up seeded, and a last_7d dashboard holding `widgets` (auto-placed).
    static func with(_ widgets: [Attribution_V1_Widget], _ body: (Fixture, String) async throws -> Void) async throws {
        try await Fixture.with(now: Metrics.now) { fixture in
            try await Metrics.seed(fixture.database, tenant: fixture.tenant.id)
            let dashboard = try await fixture.create("ana") {
                $0.dateRangeDefault = .last7Days
                $0.widgets = widgets
            }
            try await body(fixture, dashboard.id)
        }
    }

    static func widget(
        _ id: String, _ type: Attribution_V1_WidgetType, _ metrics: [Attribution_V1_MetricName] = [.revenue],
        _ configure: (inout Attribution_V1_WidgetConfig) -> Void = { _ in }
    ) -> Attribution_V1_Widget {
        var widget = Fixture.widget(id, type, width: 4, height: 2)
        widget.config.metrics = metrics
        configure(&widget.config)
        return widget
    }

    static func data(
        _ fixture: Fixture, _ dashboard: String, _ widget: String, range: Attribution_V1_DateRange? = nil, user: String = "ana"
    ) async throws -> Attribution_V1_GetWidgetDataResponse {
        var request = Attribution_V1_GetWidgetDataRequest()
        request.dashboardID = dashboard
        request.widgetID = widget
        if let range { request.dateRange = range }
        return try await fixture.service.getWidgetData(request, context: fixture.context(user))
    }

    static func money(_ value: Attribution_V1_MetricValue) -> Int64 { value.money.amountMinor }

    @Test func kpiComparesWithThePreviousPeriodNPeriodsAgoAndATarget() async throws {
        let widgets = [
            Self.widget("previous", .kpi),
            Self.widget("two-ago", .kpi) { $0.comparison = .periodsAgo; $0.periodsAgo = 2 },
            Self.widget("target", .kpi) { $0.comparison = .target; $0.target = .init(9000) },
            Self.widget("share", .kpi, [.revenueShare]) { $0.filters.channels = ["paid_social"] },
            Self.widget("share-target", .kpi, [.revenueShare]) { $0.filters.channels = ["paid_social"]; $0.comparison = .target; $0.target = .init(80) },
            Self.widget("conversions", .kpi, [.conversions]),
        ]
        try await Self.with(widgets) { fixture, id in
            let previous = try await Self.data(fixture, id, "previous")
            #expect(previous.type == .kpi && previous.dateRange == Metrics.range("2026-05-04", "2026-05-10"))
            #expect(Self.money(previous.kpi.value) == 6750 && previous.kpi.value.money.currencyCode == "USD")
            #expect(Self.money(previous.kpi.previousValue) == 4500 && previous.kpi.changePercent == 50 && previous.kpi.changePoints == 0)
            #expect(previous.kpi.comparison == .previousPeriod && previous.kpi.comparisonRange == Metrics.range("2026-04-27", "2026-05-03"))

            let twoAgo = try await Self.data(fixture, id, "two-ago")
            #expect(Self.money(twoAgo.kpi.previousValue) == 3000 && twoAgo.kpi.changePercent == 125)
            #expect(twoAgo.kpi.comparison == .periodsAgo && twoAgo.kpi.comparisonRange == Metrics.range("2026-04-20", "2026-04-26"))

            let target = try await Self.data(fixture, id, "target")
            #expect(Self.money(target.kpi.target) == 9000 && Self.money(target.kpi.previousValue) == 9000)
            #expect(target.kpi.changePercent == -25 && target.kpi.comparison == .target && !target.kpi.hasComparisonRange)

            // Revenue share is a percentage: its change is in points, not percent.
            let share = try await Self.data(fixture, id, "share")
            let now = 5000.0 / 6750 * 100, then = 2000.0 / 4500 * 100
            #expect(abs(share.kpi.value.number - now) < 1e-9 && abs(share.kpi.previousValue.number - then) < 1e-9)
            #expect(abs(share.kpi.changePoints - (now - then)) < 1e-9 && share.kpi.changePercent == 0)
            let shareTarget = try await Self.data(fixture, id, "share-target")
            #expect(abs(shareTarget.kpi.changePoints - (now - 80)) < 1e-9 && shareTarget.kpi.changePercent == 0)

            let conversions = try await Self.data(fixture, id, "conversions")
            #expect(conversions.kpi.value.number == 5.5 && conversions.kpi.previousValue.number == 3)
            #expect(abs(conversions.kpi.changePercent - 2.5 / 3 * 100) < 1e-9)
        }
    }

    @Test func seriesHaveAPointPerDayWeekOrMonthWithEmptyDaysAsZeros() async throws {
        let widgets = [
            Self.widget("daily", .lineChart, [.revenue, .conversions]),
            Self.widget("weekly", .lineChart) { $0.granularity = .week },
            Self.widget("monthly", .barChart) { $0.granularity = .month },
        ]
        try await Self.with(widgets) { fixture, id in
            let daily = try await Self.data(fixture, id, "daily").series
            #expect(daily.granularity == .day && daily.series.map(\.metric) == [.revenue, .conversions])
            #expect(daily.series[0].points.map(\.date) == (4...10).map { Metrics.date("2026-05-\(String(format: "%02d", $0))") })
            #expect(daily.series[0].points.map { Self.money($0.value) } == [4000, 0, 2500, 0, 0, 0, 250])
            #expect(daily.series[1].points.map(\.value.number) == [3, 0, 2, 0, 0, 0, 0.5])

            let weeks = try await Self.data(fixture, id, "weekly", range: Metrics.range("2026-04-20", "2026-05-10")).series
            #expect(weeks.granularity == .week && weeks.series[0].points.map(\.date) == ["2026-04-20", "2026-04-27", "2026-05-04"].map(Metrics.date))
            #expect(weeks.series[0].points.map { Self.money($0.value) } == [3000, 4500, 6750])

            let months = try await Self.data(fixture, id, "monthly", range: Metrics.range("2026-04-20", "2026-05-10"))
            #expect(months.type == .barChart && months.series.granularity == .month)
            #expect(months.series.series[0].points.map(\.date) == ["2026-04-20", "2026-05-01"].map(Metrics.date))
            #expect(months.series.series[0].points.map { Self.money($0.value) } == [7500, 6750])
        }
    }

    @Test func tablesArSortedAndLimitedAndPiesKeepTheTotalInOther() async throws {
        let widgets = [
            Self.widget("table", .table, [.revenue, .conversions, .costPerAcquisition]),
            Self.widget("top2", .table, [.conversions, .revenue]) { $0.limit = 2 },
            Self.widget("bars", .barChart, [.revenue]) { $0.limit = 3 },
            Self.widget("pie", .pie) { $0.limit = 3 },
            Self.widget("pie-all", .pie, [.spend]),
        ]
        try await Self.with(widgets) { fixture, id in
            let table = try await Self.data(fixture, id, "table").table
            #expect(table.metrics == [.revenue, .conversions, .costPerAcquisition])
            #expect(table.rows.map(\.label) == ["paid_social", "email", "direct", "affiliate"])
            #expect(table.rows.map { Self.money($0.values[0]) } == [5000, 1000, 500, 250])
            #expect(table.rows.map(\.values[1].number) == [3, 1, 1, 0.5])
            #expect(table.rows.map { Self.money($0.values[2]) } == [500, 0, 0, 0])
            #expect(table.totals.label == "Total" && Self.money(table.totals.values[0]) == 6750 && table.totals.values[1].number == 5.5)
            #expect(Self.money(table.totals.values[2]) == 273)  // 1500 / 5.5, rounded

            // By conversions: paid_social 3, then the rest combined (email 1, direct 1, affiliate 0.5).
            let top2 = try await Self.data(fixture, id, "top2").table
            #expect(top2.rows.map(\.label) == ["paid_social", "Other"])
            #expect(top2.rows.map(\.values[0].number) == [3, 2.5] && top2.rows.map { Self.money($0.values[1]) } == [5000, 1750])

            let bars = try await Self.data(fixture, id, "bars")
            #expect(bars.type == .barChart && bars.table.rows.map(\.label) == ["paid_social", "email", "Other"])
            #expect(bars.table.rows.map { Self.money($0.values[0]) } == [5000, 1000, 750])

            let pie = try await Self.data(fixture, id, "pie").pie
            #expect(pie.slices.map(\.label) == ["paid_social", "email", "Other"])
            #expect(pie.slices.map { Self.money($0.value) } == [5000, 1000, 750])
            #expect(pie.slices.reduce(0) { $0 + Self.money($1.value) } == 6750)
            #expect(zip(pie.slices.map(\.sharePercent), [5000.0, 1000, 750].map { $0 / 6750 * 100 }).allSatisfy { abs($0 - $1) < 1e-9 })

            // Channels without spend are left out of a spend pie.
            let spend = try await Self.data(fixture, id, "pie-all").pie
            #expect(spend.slices.map(\.label) == ["paid_social"] && spend.slices[0].sharePercent == 100)
        }
    }

    @Test func textIsSanitised() async throws {
        let cases: [(String, String)] = [
            ("# Notes\n\n**bold** and [docs](https://example.com/a?b=1)", "# Notes\n\n**bold** and [docs](https://example.com/a?b=1)"),
            ("a<script>alert(1)</script>b", "ab"),
            ("a<SCRIPT type=\"x\">alert(1)</SCRIPT >b<style>p{}</style>c", "abc"),
            ("<div onclick=\"x()\">hi</div> <img src=x onerror=alert(1)>", "hi "),
            ("[click](javascript:alert(1))", "click"),
            ("[click](  JaVaScRiPt:alert(1) \"t\")", "click"),
            ("[click](jav&#x61;script:alert(1))", "click"),
            ("![pic](data:image/svg+xml;base64,xxx)", "pic"),
            ("[ok](/relative/path) [mail](mailto:a@example.com)", "[ok](/relative/path) [mail](mailto:a@example.com)"),
            ("<javascript:alert(1)> <https://example.com>", " <https://example.com>"),
            ("[x]: javascript:alert(1)\nsee [x]", "\nsee [x]"),
            ("a<!-- hidden -->b", "ab"),
        ]
        let widgets = cases.indices.map { index in
            var widget = Fixture.widget("text\(index)", .text, width: 2, height: 1)
            widget.config.markdown = cases[index].0
            return widget
        }
        try await Self.with(widgets) { fixture, id in
            for (index, (input, expected)) in cases.enumerated() {
                let data = try await Self.data(fixture, id, "text\(index)")
                #expect(data.type == .text && data.text.markdown == expected, "\(input) became \(data.text.markdown)")
            }
        }
    }

    @Test func badRequestsAndOtherUsersAreRefused() async throws {
        try await Self.with([Self.widget("k", .kpi)]) { fixture, id in
            let cases: [(String, Attribution_V1_DateRange?, String, StatusCode)] = [
                ("nope", nil, "", .notFound),
                ("k", Metrics.range("2026-05-10", "2026-05-04"), "date_range.end_date:", .invalidArgument),
                ("k", Metrics.range("2026-05-01", "2026-05-12"), "date_range.end_date:", .invalidArgument),
                ("k", Metrics.range("2025-01-01", "2026-05-10"), "date_range:", .invalidArgument),
            ]
            for (widget, range, prefix, code) in cases {
                let error = await DirectCall.status { _ = try await Self.data(fixture, id, widget, range: range) }
                #expect(error?.code == code, "\(widget) \(String(describing: range))")
                #expect(error?.message.hasPrefix(prefix) == true, "\(error?.message ?? "success")")
            }
            let other = await DirectCall.status { _ = try await Self.data(fixture, id, "k", user: "bob") }
            #expect(other?.code == .notFound)
        }
    }
}

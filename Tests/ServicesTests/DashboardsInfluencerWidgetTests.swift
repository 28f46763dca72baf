import Authorization
import Dashboards
import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing

/// GetWidgetData on the INFLUENCERS source for every widget type and KPI
/// comparison, against hand-computed figures. "Today" is InfluencersFixture.now,
/// 2099-03-20 (UTC), so a last_7d dashboard shows 2099-03-13 to 03-19; March
/// 2099 starts on a Sunday, so weeks start on the 2nd, 9th and 16th. Orders credited by
/// discount code (credit 1, in full, under every model and window):
///
/// | day | code(s) | revenue | credited |
/// | 03-13 | JANE | 4000 | Jane 4000 / 1 |
/// | 03-13 | ALI | 1000 | Ali 1000 / 1 |
/// | 03-14 | DEE | 800 | Dee, deleted afterwards: counts nowhere |
/// | 03-15 | JANE, ALI | 3000 | Jane 1500 / 0.5, Ali 1500 / 0.5 |
/// | 03-16 | none | 9999 | nobody |
/// | 03-17 | CY | 250 | Cy 250 / 1 |
/// | 03-19 | BO | 500 | Bo 500 / 1 |
/// | 03-08 | JANE | 2000 | previous period |
/// | 03-10 | BO | 1500 | previous period |
/// | 03-01 | ALI | 7000 | two periods ago |
///
/// Now: Jane 5500 / 1.5 (AOV 3667), Ali 2500 / 1.5 (1667), Bo 500 / 1, Cy 250 / 1, Fay nothing;
/// total 8750 / 5 (AOV 1750). Previous 3500 / 2 (1750); two ago 7000 / 1. Another tenant's
/// influencer with the code JANE and an order of 100000 on 03-13 never appears.
@Suite("Dashboards: influencers widget data", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardsInfluencerWidgetTests {
    typealias Metrics = DashboardsMetricsFixture

    static func widget(
        _ id: String, _ type: Attribution_V1_WidgetType, _ metrics: [Attribution_V1_MetricName] = [.revenue],
        _ configure: (inout Attribution_V1_WidgetConfig) -> Void = { _ in }
    ) -> Attribution_V1_Widget {
        var widget = DashboardsFixture.widget(id, type, width: 4, height: 2)
        widget.config.dataSource = .influencers
        widget.config.metrics = metrics
        configure(&widget.config)
        return widget
    }

    /// The influencers and orders of the table above, and a last_7d dashboard of `widgets`; `body` gets a widget-data call.
    static func with(
        _ widgets: [Attribution_V1_Widget],
        _ body: (
            _ data: (String, Attribution_V1_DateRange?) async throws -> Attribution_V1_GetWidgetDataResponse, _ ids: [String: String],
            _ influencers: InfluencersFixture
        ) async throws -> Void
    ) async throws {
        try await InfluencersFixture.with { f in
            let day = { (d: Int) in InfluencersFixture.day(Double(d - 10)) }  // 2099-03-d, 12:00 UTC
            var ids: [String: String] = [:]
            for name in ["Jane", "Ali", "Bo", "Cy", "Dee", "Fay"] {
                ids[name] = try await f.create(name, codes: [name.uppercased()]).id
            }
            try await f.applyRules()
            try await f.record([
                f.order("o1", at: day(13), revenue: 4000, codes: ["JANE"], new: true),
                f.order("o2", at: day(13), revenue: 1000, codes: ["ALI"]),
                f.order("o3", at: day(14), revenue: 800, codes: ["DEE"]),
                f.order("o4", at: day(15), revenue: 3000, codes: ["JANE", "ALI"]),
                f.order("o5", at: day(16), revenue: 9999),
                f.order("o6", at: day(17), revenue: 250, codes: ["CY"]),
                f.order("o7", at: day(19), revenue: 500, codes: ["BO"]),
                f.order("p1", at: day(8), revenue: 2000, codes: ["JANE"]),
                f.order("p2", at: day(10), revenue: 1500, codes: ["BO"]),
                f.order("q1", at: day(1), revenue: 7000, codes: ["ALI"]),
            ])
            try await f.delete(ids["Dee"]!)  // its credits stay until the re-attribution job runs

            let other = try f.other()
            _ = try await other.create("Eve", codes: ["JANE"])
            try await other.applyRules()
            try await other.record([other.order("e1", at: day(13), revenue: 100_000, codes: ["JANE"])])

            let service = DashboardsService(database: f.database, roles: RoleDirectory(database: f.database), now: { InfluencersFixture.now })
            let context = try DirectCall.context(f.tenant, method: Attribution_V1_Dashboards.Method.getWidgetData, name: "ana")
            var create = Attribution_V1_CreateDashboardRequest()
            create.dashboard.name = "Influencers"
            create.dashboard.dateRangeDefault = .last7Days
            create.dashboard.widgets = widgets
            let dashboard = try await service.createDashboard(create, context: context).dashboard
            try await body({ widget, range in
                var request = Attribution_V1_GetWidgetDataRequest()
                request.dashboardID = dashboard.id
                request.widgetID = widget
                if let range { request.dateRange = range }
                return try await service.getWidgetData(request, context: context)
            }, ids, f)
        }
    }

    static func money(_ value: Attribution_V1_MetricValue) -> Int64 { value.money.amountMinor }

    @Test func kpisCompareWithThePreviousPeriodNPeriodsAgoAndATarget() async throws {
        let widgets = [
            Self.widget("previous", .kpi),
            Self.widget("two-ago", .kpi) { $0.comparison = .periodsAgo; $0.periodsAgo = 2 },
            Self.widget("target", .kpi) { $0.comparison = .target; $0.target = .init(10_000) },
            Self.widget("conversions", .kpi, [.conversions]),
            Self.widget("aov", .kpi, [.averageOrderValue]),
        ]
        try await Self.with(widgets) { data, _, _ in
            let previous = try await data("previous", nil)
            #expect(previous.type == .kpi && previous.dateRange == Metrics.range("2099-03-13", "2099-03-19"))
            #expect(Self.money(previous.kpi.value) == 8750 && previous.kpi.value.money.currencyCode == "USD")
            #expect(Self.money(previous.kpi.previousValue) == 3500 && previous.kpi.changePercent == 150)
            #expect(previous.kpi.comparison == .previousPeriod && previous.kpi.comparisonRange == Metrics.range("2099-03-06", "2099-03-12"))

            let twoAgo = try await data("two-ago", nil)
            #expect(Self.money(twoAgo.kpi.value) == 8750 && Self.money(twoAgo.kpi.previousValue) == 7000 && twoAgo.kpi.changePercent == 25)
            #expect(twoAgo.kpi.comparison == .periodsAgo && twoAgo.kpi.comparisonRange == Metrics.range("2099-02-27", "2099-03-05"))

            let target = try await data("target", nil)
            #expect(Self.money(target.kpi.target) == 10_000 && Self.money(target.kpi.previousValue) == 10_000)
            #expect(target.kpi.changePercent == -12.5 && target.kpi.comparison == .target && !target.kpi.hasComparisonRange)

            let conversions = try await data("conversions", nil)
            #expect(conversions.kpi.value.number == 5 && conversions.kpi.previousValue.number == 2 && conversions.kpi.changePercent == 150)

            let aov = try await data("aov", nil)
            #expect(Self.money(aov.kpi.value) == 1750 && Self.money(aov.kpi.previousValue) == 1750 && aov.kpi.changePercent == 0)
        }
    }

    @Test func seriesSumEveryInfluencerPerDayWeekOrMonth() async throws {
        let widgets = [
            Self.widget("daily", .lineChart, [.revenue, .conversions]),
            Self.widget("weekly", .lineChart) { $0.granularity = .week },
            Self.widget("monthly", .barChart, [.revenue, .averageOrderValue]) { $0.granularity = .month },
        ]
        try await Self.with(widgets) { data, _, _ in
            let daily = try await data("daily", nil).series
            #expect(daily.granularity == .day && daily.series.map(\.metric) == [.revenue, .conversions])
            #expect(daily.series[0].points.map(\.date) == (13...19).map { Metrics.date("2099-03-\($0)") })
            #expect(daily.series[0].points.map { Self.money($0.value) } == [5000, 0, 3000, 0, 250, 0, 500])
            #expect(daily.series[1].points.map(\.value.number) == [2, 0, 1, 0, 1, 0, 1])

            // 03-01 is a Sunday: the first week is that day alone, then Mondays.
            let weeks = try await data("weekly", Metrics.range("2099-03-01", "2099-03-19")).series
            #expect(weeks.granularity == .week)
            #expect(weeks.series[0].points.map(\.date) == ["2099-03-01", "2099-03-02", "2099-03-09", "2099-03-16"].map(Metrics.date))
            #expect(weeks.series[0].points.map { Self.money($0.value) } == [7000, 2000, 9500, 750])

            let months = try await data("monthly", Metrics.range("2099-02-27", "2099-03-19"))
            #expect(months.type == .barChart && months.series.granularity == .month)
            #expect(months.series.series[0].points.map(\.date) == ["2099-02-27", "2099-03-01"].map(Metrics.date))
            #expect(months.series.series[0].points.map { Self.money($0.value) } == [0, 19_250])
            #expect(months.series.series[1].points.map { Self.money($0.value) } == [0, 2406], "19250 / 8, rounded half up")
        }
    }

    @Test func tablesAndPiesAreByInfluencerWithOther() async throws {
        let widgets = [
            Self.widget("table", .table, [.revenue, .conversions, .averageOrderValue]),
            Self.widget("top2", .table, [.conversions, .revenue]) { $0.limit = 2 },
            Self.widget("bars", .barChart) { $0.limit = 3 },
            Self.widget("pie", .pie) { $0.limit = 3 },
            Self.widget("pie-aov", .pie, [.averageOrderValue]),
        ]
        try await Self.with(widgets) { data, ids, influencers in
            let table = try await data("table", nil).table
            #expect(table.metrics == [.revenue, .conversions, .averageOrderValue])
            #expect(table.rows.map(\.label) == ["Jane", "Ali", "Bo", "Cy"], "Fay has no credits; Dee is deleted; Eve is another tenant's")
            #expect(table.rows.map(\.influencerID) == ["Jane", "Ali", "Bo", "Cy"].map { ids[$0]! })
            #expect(table.rows.map { Self.money($0.values[0]) } == [5500, 2500, 500, 250])
            #expect(table.rows.map(\.values[1].number) == [1.5, 1.5, 1, 1])
            #expect(table.rows.map { Self.money($0.values[2]) } == [3667, 1667, 500, 250])
            #expect(table.totals.label == "Total" && table.totals.influencerID.isEmpty)
            #expect(Self.money(table.totals.values[0]) == 8750 && table.totals.values[1].number == 5 && Self.money(table.totals.values[2]) == 1750)

            // The same numbers as ListInfluencers for the same range, model and window.
            let listed = try await influencers.list {
                $0.dateRange = Metrics.range("2099-03-13", "2099-03-19")
                $0.model = .lastTouch
                $0.window = .attributionWindow7Days
                $0.sortOrder = .revenue
            }.influencers.filter { $0.metrics.conversions > 0 }
            #expect(listed.map(\.influencer.id) == table.rows.map(\.influencerID))
            for (entry, row) in zip(listed, table.rows) {
                #expect(entry.metrics.revenue == row.values[0].money && entry.metrics.conversions == row.values[1].number)
                #expect(entry.metrics.averageOrderValue == row.values[2].money)
            }

            // By conversions, Ali and Jane tie at 1.5: by name, Ali first; the rest is "Other".
            let top2 = try await data("top2", nil).table
            #expect(top2.rows.map(\.label) == ["Ali", "Other"] && top2.rows[1].influencerID.isEmpty)
            #expect(top2.rows.map(\.values[0].number) == [1.5, 3.5] && top2.rows.map { Self.money($0.values[1]) } == [2500, 6250])

            let bars = try await data("bars", nil)
            #expect(bars.type == .barChart && bars.table.rows.map(\.label) == ["Jane", "Ali", "Other"])
            #expect(bars.table.rows.map { Self.money($0.values[0]) } == [5500, 2500, 750])

            let pie = try await data("pie", nil).pie
            #expect(pie.slices.map(\.label) == ["Jane", "Ali", "Other"])
            #expect(pie.slices.map { Self.money($0.value) } == [5500, 2500, 750])
            #expect(zip(pie.slices.map(\.sharePercent), [5500.0, 2500, 750].map { $0 / 8750 * 100 }).allSatisfy { abs($0 - $1) < 1e-9 })

            let aov = try await data("pie-aov", nil).pie
            #expect(aov.slices.map(\.label) == ["Jane", "Ali", "Bo", "Cy"] && aov.slices.map { Self.money($0.value) } == [3667, 1667, 500, 250])
        }
    }
}

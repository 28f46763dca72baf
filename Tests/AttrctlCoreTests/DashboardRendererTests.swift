import Foundation
import Protos
import Testing
@testable import AttrctlCore

/// `attrctl dashboards show` drawn at a fixed width against a golden file
/// (Golden/dashboard-96.txt; set ATTR_UPDATE_GOLDEN=1 to rewrite it after a deliberate change).
@Suite("attrctl dashboards show: the grid drawn in the terminal")
struct DashboardRendererTests {
    static func widget(_ id: String, _ type: Attribution_V1_WidgetType, x: Int32, y: Int32, width: Int32, height: Int32, title: String) -> Attribution_V1_Widget {
        var widget = Attribution_V1_Widget()
        (widget.id, widget.type, widget.x, widget.y, widget.width, widget.height) = (id, type, x, y, width, height)
        widget.config.title = title
        return widget
    }

    static func money(_ metric: Attribution_V1_MetricName, _ minor: Int64) -> Attribution_V1_MetricValue {
        var value = Attribution_V1_MetricValue()
        value.metric = metric
        var money = Attribution_V1_Money()
        (money.amountMinor, money.currencyCode) = (minor, "USD")
        value.money = money
        return value
    }

    static func number(_ metric: Attribution_V1_MetricName, _ number: Double) -> Attribution_V1_MetricValue {
        var value = Attribution_V1_MetricValue()
        value.metric = metric
        value.number = number
        return value
    }

    static func row(_ label: String, _ values: [Attribution_V1_MetricValue]) -> Attribution_V1_TableRow {
        var row = Attribution_V1_TableRow()
        (row.label, row.values) = (label, values)
        return row
    }

    static func fixture() -> (Attribution_V1_Dashboard, [String: Attribution_V1_GetWidgetDataResponse]) {
        var dashboard = Attribution_V1_Dashboard()
        dashboard.name = "Overview"
        dashboard.widgets = [
            widget("revenue", .kpi, x: 0, y: 0, width: 3, height: 1, title: "Revenue"),
            widget("share", .kpi, x: 3, y: 0, width: 3, height: 1, title: "Paid social share"),
            widget("daily", .lineChart, x: 6, y: 0, width: 6, height: 1, title: "Revenue by day"),
            widget("bars", .barChart, x: 0, y: 1, width: 6, height: 2, title: "Revenue by channel"),
            widget("pie", .pie, x: 6, y: 1, width: 6, height: 2, title: "Revenue share"),
            widget("table", .table, x: 0, y: 3, width: 8, height: 2, title: "Channels"),
            widget("notes", .text, x: 8, y: 3, width: 4, height: 2, title: "Notes"),
        ]
        var data: [String: Attribution_V1_GetWidgetDataResponse] = [:]
        var kpi = Attribution_V1_GetWidgetDataResponse()
        kpi.kpi.value = money(.revenue, 675_000)
        kpi.kpi.previousValue = money(.revenue, 450_000)
        kpi.kpi.changePercent = 50
        kpi.kpi.comparison = .previousPeriod
        data["revenue"] = kpi
        var share = Attribution_V1_GetWidgetDataResponse()
        share.kpi.value = number(.revenueShare, 74.07)
        share.kpi.previousValue = number(.revenueShare, 44.44)
        share.kpi.changePoints = 29.63
        share.kpi.comparison = .previousPeriod
        data["share"] = share
        var line = Attribution_V1_GetWidgetDataResponse()
        var series = Attribution_V1_Series()
        series.metric = .revenue
        series.points = ([400_000, 0, 250_000, 0, 0, 0, 25_000] as [Int64]).map { amount in
            var point = Attribution_V1_SeriesPoint()
            point.value = money(.revenue, amount)
            return point
        }
        line.series.series = [series]
        data["daily"] = line
        let rows = [row("paid_social", [money(.revenue, 500_000)]), row("email", [money(.revenue, 100_000)]), row("Other", [money(.revenue, 75_000)])]
        var bars = Attribution_V1_GetWidgetDataResponse()
        bars.table.metrics = [.revenue]
        bars.table.rows = rows
        bars.table.totals = row("Total", [money(.revenue, 675_000)])
        data["bars"] = bars
        var pie = Attribution_V1_GetWidgetDataResponse()
        pie.pie.metric = .revenue
        pie.pie.slices = ([("paid_social", 500_000), ("email", 100_000), ("Other", 75_000)] as [(String, Int64)]).map { label, amount in
            var slice = Attribution_V1_PieSlice()
            (slice.label, slice.value, slice.sharePercent) = (label, money(.revenue, amount), Double(amount) / 6750)
            return slice
        }
        data["pie"] = pie
        var table = Attribution_V1_GetWidgetDataResponse()
        table.table.metrics = [.revenue, .conversions]
        table.table.rows = [row("paid_social", [money(.revenue, 500_000), number(.conversions, 3)]), row("email", [money(.revenue, 100_000), number(.conversions, 1)])]
        table.table.totals = row("Total", [money(.revenue, 600_000), number(.conversions, 4)])
        data["table"] = table
        var text = Attribution_V1_GetWidgetDataResponse()
        text.text.markdown = "# Notes\nSpring sale **ends** Friday."
        data["notes"] = text
        return (dashboard, data)
    }

    @Test func theDashboardIsDrawnOnItsGridAtAFixedWidth() throws {
        let (dashboard, data) = Self.fixture()
        let drawn = DashboardRenderer.render(dashboard, data: data, width: 96, range: "last_7d")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/dashboard-96.txt")
        if ProcessInfo.processInfo.environment["ATTR_UPDATE_GOLDEN"] == "1" { try (drawn + "\n").write(to: golden, atomically: true, encoding: .utf8) }
        #expect(drawn + "\n" == (try String(contentsOf: golden, encoding: .utf8)))
        #expect(drawn.split(separator: "\n").allSatisfy { $0.count <= 96 }, "fits the width")
        let narrow = DashboardRenderer.render(dashboard, data: data, width: 48, range: "last_7d")
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 48 }, "fits a narrow terminal too")
    }

    @Test func anInfluencersTableIsHeadedByInfluencer() {
        var widget = Self.widget("top", .table, x: 0, y: 0, width: 12, height: 3, title: "Influencers")
        widget.config.dataSource = .influencers
        var table = Attribution_V1_TableData()
        table.metrics = [.revenue]
        var row = Attribution_V1_TableRow()
        (row.label, row.influencerID, row.values) = ("Maya Chen", "0b7e7a0c-0000-4000-8000-000000000001", [Self.money(.revenue, 1_630_148)])
        table.rows = [row]
        table.totals.label = "Total"
        table.totals.values = [Self.money(.revenue, 1_630_148)]
        var data = Attribution_V1_GetWidgetDataResponse()
        data.type = .table
        data.table = table
        let lines = WidgetLines.lines(widget, data, inner: 60, rows: 3)
        #expect(lines.first?.contains("INFLUENCER") == true && lines.contains { $0.contains("Maya Chen") }, "\(lines)")
        widget.config.dataSource = .channels
        #expect(WidgetLines.lines(widget, data, inner: 60, rows: 3).first?.contains("CHANNEL") == true)
    }
}

import Protos
import SwiftProtobuf

/// The demo admin's default dashboard: the demo shop's attributed revenue
/// (last touch, 7 days) as KPIs, a daily line, channel bars, a pie, a table and a note.
enum DemoDashboard {
    static let name = "Demo shop"

    static func dashboard() -> Attribution_V1_Dashboard {
        var dashboard = Attribution_V1_Dashboard()
        dashboard.name = name
        dashboard.description_p = "The demo shop's attributed performance (attrctl demo seed)."
        dashboard.isDefault = true
        dashboard.dateRangeDefault = .last7Days
        dashboard.refreshIntervalMinutes = .init(5)
        dashboard.widgets = [
            widget("revenue", .kpi, [.revenue], x: 0, y: 0, width: 3, height: 1, title: "Revenue"),
            widget("conversions", .kpi, [.conversions], x: 3, y: 0, width: 3, height: 1, title: "Conversions"),
            widget("aov", .kpi, [.averageOrderValue], x: 6, y: 0, width: 3, height: 1, title: "Average order value"),
            widget("social-share", .kpi, [.revenueShare], x: 9, y: 0, width: 3, height: 1, title: "Paid social share") {
                $0.filters.channels = ["paid_social"]
            },
            widget("daily", .lineChart, [.revenue], x: 0, y: 1, width: 12, height: 1, title: "Revenue by day"),
            widget("channels", .barChart, [.revenue], x: 0, y: 2, width: 6, height: 2, title: "Revenue by channel") { $0.limit = 6 },
            widget("mix", .pie, [.revenue], x: 6, y: 2, width: 6, height: 2, title: "Channel mix") { $0.limit = 5 },
            widget("table", .table, [.revenue, .conversions, .averageOrderValue], x: 0, y: 4, width: 8, height: 3, title: "Channels"),
            text(x: 8, y: 4, width: 4, height: 3),
        ]
        return dashboard
    }

    static func widget(
        _ id: String, _ type: Attribution_V1_WidgetType, _ metrics: [Attribution_V1_MetricName], x: Int32, y: Int32, width: Int32,
        height: Int32, title: String, _ configure: (inout Attribution_V1_WidgetConfig) -> Void = { _ in }
    ) -> Attribution_V1_Widget {
        var widget = Attribution_V1_Widget()
        (widget.id, widget.type, widget.x, widget.y, widget.width, widget.height) = (id, type, x, y, width, height)
        widget.config.title = title
        widget.config.dataSource = .channels
        widget.config.metrics = metrics
        widget.config.filters.model = .lastTouch
        widget.config.filters.window = .attributionWindow7Days
        configure(&widget.config)
        return widget
    }

    static func text(x: Int32, y: Int32, width: Int32, height: Int32) -> Attribution_V1_Widget {
        var widget = Attribution_V1_Widget()
        (widget.id, widget.type, widget.x, widget.y, widget.width, widget.height) = ("notes", .text, x, y, width, height)
        widget.config.title = "Notes"
        widget.config.markdown = "# Demo shop\nLast touch, 7-day window.\nattrctl metrics --by campaign"
        return widget
    }
}

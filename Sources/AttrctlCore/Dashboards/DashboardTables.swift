import Foundation
import Protos
import SwiftProtobuf

/// The tables `attrctl dashboards` prints.
enum DashboardTables {
    static func list(_ dashboards: [Attribution_V1_Dashboard], nextPageToken: String) -> String {
        guard !dashboards.isEmpty else { return "No dashboards (attrctl dashboards create --name NAME)." }
        let table = TableRenderer(
            header: ["id", "name", "default", "shared", "owner", "widgets", "range", "version", "updated"],
            rows: dashboards.map { dashboard in
                [
                    dashboard.id, dashboard.name, dashboard.isDefault ? "yes" : "", dashboard.shared ? "yes" : "", dashboard.ownerID,
                    "\(dashboard.widgets.count)", EnumNames.name(dashboard.dateRangeDefault), "\(dashboard.version)",
                    PixelFormat.time(dashboard.updateTime, set: dashboard.hasUpdateTime),
                ]
            }
        ).render()
        return nextPageToken.isEmpty ? table : table + "\nMore: --page-token \(nextPageToken) (or --all)"
    }

    /// The dashboard's fields, then its widgets.
    static func detail(_ dashboard: Attribution_V1_Dashboard) -> String {
        let refresh = dashboard.hasRefreshIntervalMinutes ? "every \(dashboard.refreshIntervalMinutes.value) min" : "off"
        let fields = [
            ("id", dashboard.id), ("name", dashboard.name), ("description", dashboard.description_p.isEmpty ? "-" : dashboard.description_p),
            ("default", dashboard.isDefault ? "yes" : "no"), ("shared", dashboard.shared ? "yes" : "no"), ("owner", dashboard.ownerID),
            ("date range", EnumNames.name(dashboard.dateRangeDefault)), ("refresh", refresh), ("version", "\(dashboard.version)"),
            ("updated", PixelFormat.time(dashboard.updateTime, set: dashboard.hasUpdateTime)),
        ]
        let width = fields.map(\.0.count).max() ?? 0
        let header = fields.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
        guard !dashboard.widgets.isEmpty else { return header + "\n\nNo widgets." }
        return header + "\n\n" + widgets(dashboard.widgets)
    }

    static func widgets(_ widgets: [Attribution_V1_Widget]) -> String {
        TableRenderer(
            header: ["widget", "type", "x", "y", "width", "height", "title", "metrics"],
            rows: widgets.map { widget in
                [
                    widget.id, EnumNames.name(widget.type), "\(widget.x)", "\(widget.y)", "\(widget.width)", "\(widget.height)",
                    PixelFormat.clip(widget.config.title, 40),
                    widget.config.metrics.map { String(describing: $0) }.joined(separator: ", "),
                ]
            }
        ).render()
    }
}

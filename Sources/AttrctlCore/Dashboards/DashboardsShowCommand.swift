import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl dashboards show ID [--range last_7d] [--width N] [--watch]`.
struct DashboardsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Draw a dashboard and its widgets' data on its 12-column grid in the terminal.",
        discussion: """
            Calls GetDashboard, then GetWidgetData for each widget. KPI boxes show the change, line charts block sparklines, \
            bar charts bars, pies a bar of shares. -o json prints {"dashboard": Dashboard, "widgets": {id: GetWidgetDataResponse}}.
            """
    )

    @Argument(help: "The dashboard's id.")
    var id: String

    @Option(help: "The date range: last_7d, last_14d, last_30d, month_to_date or last_month (default: the dashboard's).")
    var range: String?

    @Option(help: "The width in columns (default: the terminal's).")
    var width: Int?

    @Flag(help: "Redraw at the dashboard's refresh interval (every minute without one) until interrupted.")
    var watch = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let relative: Attribution_V1_RelativeDateRange? = try range.map { try EnumNames.parse($0, "--range") }
        repeat {
            let (dashboard, data, format) = try await fetch(relative)
            if format == .json {
                print(try Self.json(dashboard, data))
            } else {
                if watch { print("\u{1B}[H\u{1B}[2J", terminator: "") }
                let name = range ?? EnumNames.name(dashboard.dateRangeDefault)
                print(DashboardRenderer.render(dashboard, data: data, width: width ?? TerminalWidth.current(), range: name))
            }
            guard watch else { return }
            let minutes = dashboard.hasRefreshIntervalMinutes ? Int(dashboard.refreshIntervalMinutes.value) : 1
            try await Task.sleep(for: .seconds(minutes * 60))
        } while true
    }

    func fetch(
        _ relative: Attribution_V1_RelativeDateRange?
    ) async throws -> (Attribution_V1_Dashboard, [String: Attribution_V1_GetWidgetDataResponse], OutputFormat) {
        let ((dashboard, data), format) = try await global.callDashboards { client in
            var get = Attribution_V1_GetDashboardRequest()
            get.id = id
            let dashboard = try await client.getDashboard(get, timeout: .seconds(30)).dashboard
            var data: [String: Attribution_V1_GetWidgetDataResponse] = [:]
            for widget in dashboard.widgets {
                var request = Attribution_V1_GetWidgetDataRequest()
                request.dashboardID = dashboard.id
                request.widgetID = widget.id
                if let relative, let range = Self.dates(relative, today: Date()) { request.dateRange = range }
                data[widget.id] = try await client.getWidgetData(request, timeout: .seconds(30))
            }
            return (dashboard, data)
        }
        return (dashboard, data, format)
    }

    /// A relative range as days, ending yesterday (UTC), as the server resolves dashboards' defaults.
    static func dates(_ range: Attribution_V1_RelativeDateRange, today: Date) -> Attribution_V1_DateRange? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.startOfDay(for: today)
        let yesterday = start.addingTimeInterval(-86_400)
        let first: Date
        var last = yesterday
        switch range {
        case .last7Days: first = start.addingTimeInterval(-7 * 86_400)
        case .last14Days: first = start.addingTimeInterval(-14 * 86_400)
        case .last30Days: first = start.addingTimeInterval(-30 * 86_400)
        case .monthToDate: first = calendar.date(from: calendar.dateComponents([.year, .month], from: yesterday))!
        case .lastMonth:
            let thisMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: start))!
            first = calendar.date(byAdding: .month, value: -1, to: thisMonth)!
            last = thisMonth.addingTimeInterval(-86_400)
        default: return nil
        }
        func date(_ day: Date) -> Attribution_V1_Date {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            var date = Attribution_V1_Date()
            (date.year, date.month, date.day) = (Int32(parts.year!), Int32(parts.month!), Int32(parts.day!))
            return date
        }
        var dates = Attribution_V1_DateRange()
        dates.startDate = date(first)
        dates.endDate = date(last)
        return dates
    }

    static func json(_ dashboard: Attribution_V1_Dashboard, _ data: [String: Attribution_V1_GetWidgetDataResponse]) throws -> String {
        let widgets = try dashboard.widgets.compactMap { widget in try data[widget.id].map { "\"\(widget.id)\": " + (try $0.jsonString()) } }
        return "{\"dashboard\": \(try dashboard.jsonString()), \"widgets\": {\(widgets.joined(separator: ", "))}}"
    }
}

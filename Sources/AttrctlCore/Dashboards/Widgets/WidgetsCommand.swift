import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl widgets add|move|remove`: one widget of a dashboard at a time.
struct WidgetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "widgets",
        abstract: "Add, move or remove one widget of a dashboard.",
        discussion: "Each reads the dashboard and sends its widgets back (UpdateDashboard) based on the version read.",
        subcommands: [WidgetsAddCommand.self, WidgetsMoveCommand.self, WidgetsRemoveCommand.self]
    )

    static func run(_ edit: WidgetEdit, dashboard: String, global: GlobalOptions) async throws {
        let (updated, format) = try await global.callDashboards { try await edit.send(dashboard, $0) }
        print(format == .json ? try updated.jsonString() : DashboardTables.widgets(updated.widgets))
    }
}

/// `attrctl widgets add DASHBOARD --id ID --type TYPE ...`.
struct WidgetsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a widget (placed by attrd in the first free slot unless --x and --y are given).")

    @Argument(help: "The dashboard's id.") var dashboard: String
    @Option(help: "The widget's id (letters, digits, - and _).") var id: String
    @Option(help: "kpi, line, bar, table, pie or text.") var type: String
    @Option(help: "A metric (repeatable): revenue, conversions, spend, roas, average_order_value, cost_per_acquisition, revenue_share.")
    var metric: [String] = []
    @Option(help: "The title.") var title = ""
    @Option(help: "The column, 0 to 11 (with --y).") var x: Int32?
    @Option(help: "The row (with --x).") var y: Int32?
    @Option(help: "The width in columns, 1 to 12.") var width: Int32 = 3
    @Option(help: "The height in rows, 1 to 24.") var height: Int32 = 1
    @Option(help: "The attribution model (data widgets).") var model = "last_touch"
    @Option(help: "The attribution window (data widgets).") var window = "7d"
    @Option(name: .customLong("channel"), help: "Only this channel (repeatable).") var channels: [String] = []
    @Option(help: "The Markdown of a text widget.") var markdown = ""
    @OptionGroup var global: GlobalOptions

    static let metrics: [(Attribution_V1_MetricName, String)] = [
        (.revenue, "revenue"), (.conversions, "conversions"), (.spend, "spend"), (.roas, "roas"),
        (.averageOrderValue, "average_order_value"), (.costPerAcquisition, "cost_per_acquisition"), (.revenueShare, "revenue_share"),
    ]

    func widget() throws -> Attribution_V1_Widget {
        guard (x == nil) == (y == nil) else { throw ValidationError("give both --x and --y, or neither (attrd places the widget)") }
        var widget = Attribution_V1_Widget()
        widget.id = id
        widget.type = try EnumNames.parse(type, "--type")
        (widget.x, widget.y, widget.autoPlace) = (x ?? 0, y ?? 0, x == nil)
        (widget.width, widget.height) = (width, height)
        widget.config.title = title
        if widget.type == .text {
            widget.config.markdown = markdown
        } else {
            widget.config.dataSource = .channels
            widget.config.metrics = try metric.map { try MetricsNames.parse($0, "--metric", Self.metrics) }
            widget.config.filters.model = try MetricsNames.parse(model, "--model", MetricsNames.models)
            widget.config.filters.window = try MetricsNames.parse(window, "--window", MetricsNames.windows)
            widget.config.filters.channels = channels
        }
        return widget
    }

    func run() async throws { try await WidgetsCommand.run(.add(try widget()), dashboard: dashboard, global: global) }
}

/// `attrctl widgets move DASHBOARD WIDGET --x X --y Y [--width W --height H]`.
struct WidgetsMoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "move", abstract: "Move (and optionally resize) a widget.")

    @Argument(help: "The dashboard's id.") var dashboard: String
    @Argument(help: "The widget's id.") var widget: String
    @Option(help: "The new column, 0 to 11.") var x: Int32
    @Option(help: "The new row.") var y: Int32
    @Option(help: "A new width.") var width: Int32?
    @Option(help: "A new height.") var height: Int32?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await WidgetsCommand.run(.move(id: widget, x: x, y: y, width: width, height: height), dashboard: dashboard, global: global)
    }
}

/// `attrctl widgets remove DASHBOARD WIDGET`.
struct WidgetsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a widget.")

    @Argument(help: "The dashboard's id.") var dashboard: String
    @Argument(help: "The widget's id.") var widget: String
    @OptionGroup var global: GlobalOptions

    func run() async throws { try await WidgetsCommand.run(.remove(id: widget), dashboard: dashboard, global: global) }
}

import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl dashboards create --name NAME [--default] [fields]`.
struct DashboardsCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a dashboard; with --default it becomes your default.",
        discussion: """
            Calls attribution.v1.Dashboards/CreateDashboard and prints the dashboard as stored, with the \
            positions attrd chose for widgets with auto_place; -o json prints it in the protobuf JSON mapping.

            Example:
              attrctl dashboards create --name Overview --default --range last_7d --widgets widgets.json
            """
    )

    @OptionGroup var fields: DashboardFieldOptions

    @Flag(name: .customLong("default"), help: "Make it your default dashboard.")
    var isDefault = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_CreateDashboardRequest()
        (request.dashboard, _) = try fields.dashboard()
        request.dashboard.isDefault = isDefault
        let (response, format) = try await global.callDashboards { try await $0.createDashboard(request, timeout: .seconds(30)) }
        print(format == .json ? try response.dashboard.jsonString() : DashboardTables.detail(response.dashboard))
    }
}

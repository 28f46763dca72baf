import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl dashboards get ID`.
struct DashboardsGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show one dashboard and its widgets' layout.",
        discussion: "Calls attribution.v1.Dashboards/GetDashboard; -o json prints the Dashboard in the protobuf JSON mapping."
    )

    @Argument(help: "The dashboard's id.")
    var id: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_GetDashboardRequest()
        request.id = id
        let (response, format) = try await global.callDashboards { try await $0.getDashboard(request, timeout: .seconds(30)) }
        print(format == .json ? try response.dashboard.jsonString() : DashboardTables.detail(response.dashboard))
    }
}

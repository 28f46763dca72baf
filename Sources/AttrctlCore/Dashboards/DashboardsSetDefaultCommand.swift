import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl dashboards set-default ID`.
struct DashboardsSetDefaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-default",
        abstract: "Make one of your dashboards your default (your previous default stops being one).",
        discussion: "Calls attribution.v1.Dashboards/UpdateDashboard with the mask is_default."
    )

    @Argument(help: "The dashboard's id.")
    var id: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_UpdateDashboardRequest()
        request.dashboard.id = id
        request.dashboard.isDefault = true
        request.updateMask.paths = ["is_default"]
        let (response, format) = try await global.callDashboards { try await DashboardsUpdateCommand.update(request, basedOn: nil, $0) }
        print(format == .json ? try response.dashboard.jsonString() : "Dashboard \(id) (\(response.dashboard.name)) is your default.")
    }
}

import ArgumentParser
import Protos

/// `attrctl dashboards delete ID`.
struct DashboardsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a dashboard (yours, or as an admin a shared one).",
        discussion: "Calls attribution.v1.Dashboards/DeleteDashboard."
    )

    @Argument(help: "The dashboard's id.")
    var id: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_DeleteDashboardRequest()
        request.id = id
        let (_, format) = try await global.callDashboards { try await $0.deleteDashboard(request, timeout: .seconds(30)) }
        print(format == .json ? "{}" : "Deleted dashboard \(id).")
    }
}

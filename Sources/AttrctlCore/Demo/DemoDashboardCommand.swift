import ArgumentParser
import Foundation
import Protos

/// `attrctl demo dashboard`: the demo dashboard for the calling user.
struct DemoDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Create the demo shop's dashboard as your default (once: an existing one is kept).",
        discussion: "Run it as a user (make run does, as tenant 1's admin); then: attrctl dashboards show ID."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (id, _) = try await global.callDashboards { client in
            var list = Attribution_V1_ListDashboardsRequest()
            list.pageSize = 100
            let existing = try await client.listDashboards(list, timeout: .seconds(30)).dashboards
            if let found = existing.first(where: { $0.name == DemoDashboard.name && $0.isDefault }) { return found.id }
            var create = Attribution_V1_CreateDashboardRequest()
            create.dashboard = DemoDashboard.dashboard()
            return try await client.createDashboard(create, timeout: .seconds(30)).dashboard.id
        }
        print("demo dashboard \(id) (attrctl dashboards show \(id))")
    }
}

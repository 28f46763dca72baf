import ArgumentParser
import Protos
import SwiftProtobuf

extension Attribution_V1_ListDashboardsRequest: PagedRequest {}
extension Attribution_V1_ListDashboardsResponse: PagedResponse {}

/// `attrctl dashboards list [--all]`.
struct DashboardsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List your dashboards and the tenant's shared ones: your default first, then by name.",
        discussion: "Calls attribution.v1.Dashboards/ListDashboards; -o json prints ListDashboardsResponse in the protobuf JSON mapping."
    )

    @Flag(help: "Every page, not only the first.")
    var all = false

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_ListDashboardsRequest()
        try page.apply(to: &request, all: all)
        if all, page.pageSize == nil { request.pageSize = 100 }
        let (response, format) = try await global.callDashboards { client in
            try await PagedCall.collect(
                request, all: all, count: { $0.dashboards.count }, merge: { $0.dashboards += $1.dashboards }
            ) { try await client.listDashboards($0, timeout: .seconds(30)) }
        }
        print(format == .json ? try response.jsonString() : DashboardTables.list(response.dashboards, nextPageToken: response.nextPageToken))
    }
}

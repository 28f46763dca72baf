import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl dashboards update ID [fields] [--if-version N | --overwrite]`.
struct DashboardsUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change the fields given; the others keep their values.",
        discussion: """
            Calls attribution.v1.Dashboards/UpdateDashboard with an update mask of the flags given. \
            The change is based on --if-version (the version `get` shows), else on the version read just before; \
            if the dashboard changed since, attrd refuses (ABORTED) unless --overwrite.
            """
    )

    @Argument(help: "The dashboard's id.")
    var id: String

    @OptionGroup var fields: DashboardFieldOptions

    @Option(name: .customLong("if-version"), help: "The version the change is based on.")
    var version: Int64?

    @Flag(help: "Apply the change whatever the dashboard's current version.")
    var overwrite = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard try !fields.dashboard().1.isEmpty else { throw ValidationError("give at least one field to change") }
        guard version == nil || !overwrite else { throw ValidationError("--if-version and --overwrite exclude each other") }
    }

    func run() async throws {
        var request = Attribution_V1_UpdateDashboardRequest()
        let paths: [String]
        (request.dashboard, paths) = try fields.dashboard()
        request.dashboard.id = id
        request.updateMask.paths = paths
        request.overwrite = overwrite
        let (response, format) = try await global.callDashboards { client in
            try await Self.update(request, basedOn: version, client)
        }
        print(format == .json ? try response.dashboard.jsonString() : DashboardTables.detail(response.dashboard))
    }

    /// Sends `request` based on `version`, or on the version read now when nil (and not overwriting).
    static func update(
        _ request: Attribution_V1_UpdateDashboardRequest, basedOn version: Int64?, _ client: Attribution_V1_DashboardsClient
    ) async throws -> Attribution_V1_UpdateDashboardResponse {
        var request = request
        if let version {
            request.dashboard.version = version
        } else if !request.overwrite {
            var get = Attribution_V1_GetDashboardRequest()
            get.id = request.dashboard.id
            request.dashboard.version = try await client.getDashboard(get, timeout: .seconds(30)).dashboard.version
        }
        return try await client.updateDashboard(request, timeout: .seconds(30))
    }
}

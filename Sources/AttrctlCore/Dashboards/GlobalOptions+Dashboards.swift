import Foundation
import Protos
import RPCClient

extension GlobalOptions {
    /// Resolves the settings, calls `body` with a Dashboards client, closes the connection, and returns the
    /// result with the output format.
    func callDashboards<Response: Sendable>(
        _ body: (Attribution_V1_DashboardsClient) async throws -> Response
    ) async throws -> (Response, OutputFormat) {
        let settings = try resolve(environment: ProcessInfo.processInfo.environment)
        let client = try settings.makeClient()
        let result = await Result { try await body(Attribution_V1_DashboardsClient(client)) }
        await client.close()
        return (try result.get(), settings.output.value)
    }
}

import Foundation
import Protos
import RPCClient

extension GlobalOptions {
    /// Resolves the settings, calls `body` with an Influencers client, closes the connection, and returns the
    /// result with the output format.
    func callInfluencers<Response: Sendable>(
        _ body: (Attribution_V1_InfluencersClient) async throws -> Response
    ) async throws -> (Response, OutputFormat) {
        let settings = try resolve(environment: ProcessInfo.processInfo.environment)
        let client = try settings.makeClient()
        let result = await Result { try await body(Attribution_V1_InfluencersClient(client)) }
        await client.close()
        return (try result.get(), settings.output.value)
    }
}

import ArgumentParser
import Foundation
import Protos
import RPCClient
import SwiftProtobuf

/// `attrctl health`: whether attrd (or one of its services) is serving.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check that attrd serves; exits 1 when it does not.",
        discussion: "Calls arpc.health.v1.Health/Check over mutual TLS with your client certificate."
    )

    @Option(help: "A service to check, e.g. arpc.health.v1.Health (default: the server as a whole).")
    var service = ""

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let settings = try global.resolve(environment: ProcessInfo.processInfo.environment)
        let client = try settings.makeClient()
        var request = Arpc_Health_V1_HealthCheckRequest()
        request.service = service
        let result = await Result { try await Arpc_Health_V1_HealthClient(client).check(request, timeout: .seconds(10)) }
        await client.close()
        let response = try result.get()
        print(try Self.render(service: service, response: response, format: settings.output.value))
        if response.status != .serving { throw ExitCode.failure }
    }

    /// A table, or (`-o json`) the response in the protobuf JSON mapping.
    static func render(service: String, response: Arpc_Health_V1_HealthCheckResponse, format: OutputFormat) throws -> String {
        switch format {
        case .json: return try response.jsonString()
        case .table, .wide:
            let name = switch response.status {
            case .serving: "SERVING"
            case .notServing: "NOT_SERVING"
            case .serviceUnknown: "SERVICE_UNKNOWN"
            default: "UNKNOWN"
            }
            return TableRenderer(header: ["service", "status"], rows: [[service.isEmpty ? "(server)" : service, name]]).render()
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

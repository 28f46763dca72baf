import ArgumentParser
import Foundation
import Protos
import RPCClient

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
        let status = try result.get().status
        print(try Self.render(service: service, status: status, format: settings.output.value))
        if status != .serving { throw ExitCode.failure }
    }

    static func render(
        service: String, status: Arpc_Health_V1_HealthCheckResponse.ServingStatus, format: OutputFormat
    ) throws -> String {
        let name = switch status {
        case .serving: "SERVING"
        case .notServing: "NOT_SERVING"
        case .serviceUnknown: "SERVICE_UNKNOWN"
        default: "UNKNOWN"
        }
        switch format {
        case .json: return try JSONOutput.render(["service": service, "status": name])
        case .table, .wide: return TableRenderer(header: ["service", "status"], rows: [[service.isEmpty ? "(server)" : service, name]]).render()
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

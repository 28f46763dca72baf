import CoreServices
import Foundation
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

@Suite("Health and reflection", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct CoreServicesTests {
    func request(_ service: String) -> Arpc_Health_V1_HealthCheckRequest {
        var request = Arpc_Health_V1_HealthCheckRequest()
        request.service = service
        return request
    }

    @Test func checkReportsEachRegisteredService() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                let health = Arpc_Health_V1_HealthClient(client)
                #expect(try await health.check(request("")).status == .serving)
                #expect(try await health.check(request("arpc.test.v1.TestService")).status == .serving)
                await #expect(throws: RPCError(code: .notFound, message: "unknown service 'no.Such'")) {
                    try await health.check(request("no.Such"))
                }
                server.health.set(.notServing, for: "arpc.test.v1.TestService")
                #expect(try await health.check(request("arpc.test.v1.TestService")).status == .notServing)
            }
        }
    }

    @Test func watchSendsTheStatusThenEachChange() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                let statuses = try await Arpc_Health_V1_HealthClient(client).watch(request("")) { responses in
                    var seen: [Arpc_Health_V1_HealthCheckResponse.ServingStatus] = []
                    for try await response in responses {
                        seen.append(response.status)
                        if seen.count == 1 { server.health.shutDown() }
                    }
                    return seen
                }
                #expect(statuses == [.serving, .notServing])
            }
        }
    }

    @Test func reflectionListsServicesAndServesDescriptors() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                let reflection = Arpc_Reflection_V1_ServerReflectionClient(client)
                let services = try await reflection.listServices(Arpc_Reflection_V1_ListServicesRequest()).services
                #expect(services == ["arpc.health.v1.Health", "arpc.reflection.v1.ServerReflection", "arpc.test.v1.TestService"])

                var symbol = Arpc_Reflection_V1_FileContainingSymbolRequest()
                symbol.symbol = "arpc.test.v1.TestService.UnaryCall"
                let files = try await reflection.fileContainingSymbol(symbol).fileDescriptorProto
                let first = try Google_Protobuf_FileDescriptorProto(serializedBytes: try #require(files.first))
                #expect(first.name == "arpc/test/v1/test.proto")
                #expect(first.service.map(\.name) == ["TestService", "UnimplementedService"])

                var byName = Arpc_Reflection_V1_FileByFilenameRequest()
                byName.filename = "arpc/health/v1/health.proto"
                // health.proto, then the access option it imports, then descriptor.proto.
                #expect(try await reflection.fileByFilename(byName).fileDescriptorProto.count == 3)
                symbol.symbol = "no.such.Symbol"
                await #expect(throws: RPCError.self) { try await reflection.fileContainingSymbol(symbol) }
            }
        }
    }

    @Test func reflectionServesEachMethodsAccess() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                let reflection = Arpc_Reflection_V1_ServerReflectionClient(client)
                for (symbol, method, access) in [
                    ("attribution.v1.Pixels.ListEvents", "/attribution.v1.Pixels/ListEvents", Arpc_Access_V1_Access.read),
                    ("attribution.v1.Pixels", "/attribution.v1.Pixels/RetryEvents", .write),
                    ("attribution.v1.Ingest", "/attribution.v1.Ingest/IngestPixelEvents", .ingest),
                    ("arpc.test.v1.TestService", "/arpc.test.v1.TestService/EchoIdentity", .public),
                ] {
                    var request = Arpc_Reflection_V1_FileContainingSymbolRequest()
                    request.symbol = symbol
                    let files = try await reflection.fileContainingSymbol(request).fileDescriptorProto
                    // Decoded as any client would, without our extensions.
                    let file = try Google_Protobuf_FileDescriptorProto(serializedBytes: try #require(files.first))
                    #expect(try file.methodAccess().first { $0.method == method }?.access == access, "\(method)")
                }
            }
        }
    }
}

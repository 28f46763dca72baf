import CoreServices
import Foundation
import Identity
import InteropService
import Logging
import NIOCore
import Protos
import RPCClient
import RPCServer
import ServiceLifecycle
import TLS
import TestSupport
import Testing

/// A real RPCServer with the interop service on 127.0.0.1 (a free port),
/// speaking mutual TLS with the dev PKI, for the duration of `body`.
struct InteropHarness {
    let port: Int
    let logs: CapturedLogs
    let group: ServiceGroup
    let health: HealthStatus
    /// Finishes when the server's service group has returned (the server stopped).
    let stopped: AsyncStream<Void>

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func withServer<Result: Sendable>(
        configure: (inout RPCServer.Configuration) -> Void = { _ in },
        interceptors: [any ServerInterceptor] = [],
        routes: (inout Router) -> Void = { _ in },
        _ body: (InteropHarness) async throws -> Result
    ) async throws -> Result {
        let tls = try TLSContext.server(
            certificateChain: DevPKI.serverCertificate, privateKey: DevPKI.serverKey,
            clientCA: DevPKI.caCertificate, crl: DevPKI.crl)
        var router = Router()
        InteropTestService().register(with: &router)
        routes(&router)
        let health = try CoreServices.register(with: &router)
        var configuration = RPCServer.Configuration(host: "127.0.0.1", port: 0, trustDomain: try TrustDomain(DevPKI.trustDomain))
        configure(&configuration)
        let logs = CapturedLogs()
        let server = RPCServer(configuration: configuration, tls: tls, router: router,
                               interceptors: [AccessLogInterceptor(logger: logs.logger())] + interceptors, logger: logs.logger())
        let group = ServiceGroup(services: [server], logger: quiet)
        let (stopped, stop) = AsyncStream<Void>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { stop.finish() }
                try await group.run()
            }
            let port = try await server.listeningAddress.port!
            let harness = InteropHarness(port: port, logs: logs, group: group, health: health, stopped: stopped)
            do {
                let result = try await body(harness)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// Returns once the server has stopped (its listener closed and every connection ended).
    func untilStopped() async {
        for await _ in stopped {}
    }

    /// A client presenting `certificate` (a dev PKI path without extension), or none.
    func client(_ certificate: String? = "clients/tenant1-admin") throws -> RPCClient {
        try Self.client(port: port, certificate: certificate)
    }

    /// A client of whatever listens (or does not) on `port`.
    static func client(
        port: Int, certificate: String? = "clients/tenant1-admin",
        configure: (inout RPCClient.Configuration) -> Void = { _ in }
    ) throws -> RPCClient {
        let tls = try TLSContext.client(
            serverName: "localhost", trustedCA: DevPKI.caCertificate,
            certificateChain: certificate.map { DevPKI.path("\($0).crt") },
            privateKey: certificate.map { DevPKI.path("\($0).key") })
        var configuration = RPCClient.Configuration(host: "127.0.0.1", port: port)
        configure(&configuration)
        return RPCClient(configuration: configuration, tls: tls, logger: quiet)
    }

    /// Runs `body` with a client presenting `certificate`, closing it afterwards.
    func withClient<Result: Sendable>(
        _ certificate: String? = "clients/tenant1-admin",
        _ body: (RPCClient) async throws -> Result
    ) async throws -> Result {
        let client = try client(certificate)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// Runs `body` with a typed client of the test service, closing it afterwards.
    func withTestClient<Result: Sendable>(
        _ certificate: String? = "clients/tenant1-admin",
        _ body: (Arpc_Test_V1_TestServiceClient) async throws -> Result
    ) async throws -> Result {
        try await withClient(certificate) { try await body(Arpc_Test_V1_TestServiceClient($0)) }
    }
}

extension Arpc_Test_V1_Payload {
    static func zeros(_ count: Int) -> Self {
        var payload = Self()
        payload.body = Data(count: count)
        return payload
    }
}

extension Arpc_Test_V1_StreamingOutputCallRequest {
    static func responses(_ sizes: [Int32], payload: Int = 0, intervalMicroseconds: Int32 = 0) -> Self {
        var request = Self()
        request.responseParameters = sizes.map { size in
            var parameters = Arpc_Test_V1_ResponseParameters()
            parameters.size = size
            parameters.intervalUs = intervalMicroseconds
            return parameters
        }
        if payload > 0 { request.payload = .zeros(payload) }
        return request
    }
}

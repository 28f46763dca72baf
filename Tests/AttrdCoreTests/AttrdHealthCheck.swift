import Logging
import Protos
import RPCClient
import TLS
import TestSupport

/// Asks a running attrd for its health over mutual TLS, as tenant 1's admin.
enum AttrdHealthCheck {
    /// `service` "" is the server as a whole.
    static func check(port: Int, service: String = "") async throws -> Arpc_Health_V1_HealthCheckResponse.ServingStatus {
        let tls = try TLSContext.client(
            serverName: "localhost", trustedCA: DevPKI.caCertificate,
            certificateChain: DevPKI.path("clients/tenant1-admin.crt"),
            privateKey: DevPKI.path("clients/tenant1-admin.key"))
        let client = RPCClient(
            configuration: RPCClient.Configuration(host: "127.0.0.1", port: port), tls: tls,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        var request = Arpc_Health_V1_HealthCheckRequest()
        request.service = service
        let result = await Result { try await Arpc_Health_V1_HealthClient(client).check(request) }
        await client.close()
        return try result.get().status
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

public import Protos
public import RPCServer
import Wire

/// arpc.health.v1.Health, answered from a `HealthStatus`.
public struct HealthService: Arpc_Health_V1_HealthHandler {
    public let status: HealthStatus

    public init(status: HealthStatus) {
        self.status = status
    }

    public func check(_ request: Arpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws -> Arpc_Health_V1_HealthCheckResponse {
        guard let current = status.status(of: request.service) else {
            throw RPCError(code: .notFound, message: "unknown service '\(request.service.prefix(200))'")
        }
        var response = Arpc_Health_V1_HealthCheckResponse()
        response.status = current
        return response
    }

    public func watch(
        _ request: Arpc_Health_V1_HealthCheckRequest,
        responses: ResponseWriter<Arpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        for await current in status.watch(request.service) {
            var response = Arpc_Health_V1_HealthCheckResponse()
            response.status = current
            try await responses.write(response)
        }
    }
}

import AttributionStore
public import Protos
public import RPCServer
import Storage
import ServiceKit

extension DashboardsService {
    public func deleteDashboard(
        _ request: Attribution_V1_DeleteDashboardRequest, context: ServerContext
    ) async throws -> Attribution_V1_DeleteDashboardResponse {
        let user = try Self.user(context)
        let id = try Validate.uuid(request.id, "id")
        try await store.database.withTenant(context.tenantID) { tx in
            guard let stored = try await store.read(id, user: user, forUpdate: true, in: tx) else { throw Self.notFound(id) }
            try await checkMayChange(owner: stored.ownerID, context, "delete")
            _ = try await store.delete(id, in: tx)
        }
        return Attribution_V1_DeleteDashboardResponse()
    }
}

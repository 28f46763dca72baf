import AttributionStore
public import Protos
public import RPCServer
import Storage
import ServiceKit

extension DashboardsService {
    public func createDashboard(
        _ request: Attribution_V1_CreateDashboardRequest, context: ServerContext
    ) async throws -> Attribution_V1_CreateDashboardResponse {
        let user = try Self.user(context)
        guard request.hasDashboard else { throw FieldError("dashboard", "is required") }
        let record = try DashboardFields.record(request.dashboard)
        let stored = try await store.database.withTenant(context.tenantID) { tx in
            if record.isDefault {
                try await store.lockOwner(user, in: tx)
                try await store.clearDefault(of: user, except: nil, in: tx)
            }
            return try await store.insert(record, owner: user, in: tx)
        }
        var response = Attribution_V1_CreateDashboardResponse()
        response.dashboard = try Attribution_V1_Dashboard(stored, caller: user)
        return response
    }
}

import AttributionStore
public import Protos
public import RPCServer
import Storage
import ServiceKit
import Wire

extension DashboardsService {
    static let versioned = VersionedUpdate(table: DashboardStore.table, resource: "dashboard")

    /// Applies the mask's fields in one transaction: the owner's default
    /// lock first (when `is_default` changes), the row locked, the version
    /// checked by `VersionedUpdate`, the old default cleared.
    public func updateDashboard(
        _ request: Attribution_V1_UpdateDashboardRequest, context: ServerContext
    ) async throws -> Attribution_V1_UpdateDashboardResponse {
        let user = try Self.user(context)
        let selection = try DashboardFields.update.select(request.hasUpdateMask ? request.updateMask : nil)
        let id = try Validate.uuid(request.dashboard.id, "dashboard.id")
        let expected = request.overwrite ? nil : try Self.basedOn(request.dashboard.version)
        let changesDefault = selection.contains("is_default")
        let updated = try await store.database.withTenant(context.tenantID) { tx in
            if changesDefault { try await store.lockOwner(user, in: tx) }
            guard let stored = try await store.read(id, user: user, forUpdate: true, in: tx) else { throw Self.notFound(id) }
            try await checkMayChange(owner: stored.ownerID, context, "change")
            if changesDefault, stored.ownerID != user {
                throw FieldError("dashboard.is_default", "only the owner may make a dashboard their default")
            }
            var record = stored.record
            try selection.apply(request.dashboard, to: &record)
            if changesDefault, record.isDefault { try await store.clearDefault(of: user, except: id, in: tx) }
            try await Self.versioned.update(in: tx, id: id, expected: expected, set: DashboardStore.assignments(record, now: now()))
            return try await store.read(id, user: user, in: tx)
        }
        guard let updated else { throw Self.notFound(id) }
        var response = Attribution_V1_UpdateDashboardResponse()
        response.dashboard = try Attribution_V1_Dashboard(updated, caller: user)
        return response
    }

    /// The version an update is based on: required unless it overwrites.
    static func basedOn(_ version: Int64) throws(FieldError) -> Int64 {
        guard version > 0 else {
            throw FieldError("dashboard.version", "is required: the version the change is based on (or set overwrite)")
        }
        return version
    }
}

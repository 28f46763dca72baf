import Foundation
public import Storage
public import Wire

/// A per-tenant cap on how many of one kind of resource a tenant may have,
/// e.g. at most 50 dashboards: checked inside the create's tenant
/// transaction, so concurrent creates cannot together pass it.
///
/// ``reserve(in:)`` takes a transaction-scoped advisory lock for the tenant
/// and resource kind (`pg_advisory_xact_lock(hashtext(tenant), hashtext(kind))`),
/// then counts the tenant's rows. Creates of the same kind in the same tenant
/// queue on the lock until the holder commits or rolls back, so each counts
/// the rows the previous one committed (READ COMMITTED takes a new snapshot
/// per statement). Other tenants and other kinds do not wait. A hash
/// collision only makes two kinds share a queue, never lets one pass.
///
/// Call it first in the transaction that inserts the row:
/// ```swift
/// try await database.withTenant(tenantID) { tx in
///     try await Self.dashboardLimit.reserve(in: tx)
///     try await tx.query("INSERT INTO dashboards ...")
/// }
/// ```
public struct TenantCountLimit: Sendable {
    /// The resources, plural, as messages name them ("dashboards").
    public let resource: String
    /// The table holding them (a trusted identifier, never input).
    public let table: String
    /// An extra SQL condition on the rows that count (e.g. "deleted_at IS NULL"); nil counts all.
    public let condition: String?
    public let maximum: Int

    public init(_ resource: String, table: String, condition: String? = nil, maximum: Int) {
        self.resource = resource
        self.table = table
        self.condition = condition
        self.maximum = maximum
    }

    /// Refused: the tenant already has `maximum` resources.
    public struct Reached: Error, RPCErrorConvertible, Sendable, Equatable {
        public let resource: String
        public let maximum: Int

        public init(resource: String, maximum: Int) {
            self.resource = resource
            self.maximum = maximum
        }

        public var rpcError: RPCError {
            RPCError(
                code: .failedPrecondition,
                message: "the limit of \(maximum) \(resource) per tenant is reached; delete one before creating another")
        }
    }

    /// Waits for the tenant's lock on this kind, then throws ``Reached`` when
    /// the tenant already has `maximum` rows; returns how many it has.
    @discardableResult
    public func reserve(in tx: TenantTransaction) async throws -> Int {
        try await tx.query(
            "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", [tx.tenantID.uuidString.lowercased(), "count:\(table)"])
        let filter = condition.map { " AND (\($0))" } ?? ""
        let count = try await tx.query("SELECT count(*) AS n FROM \(table) WHERE tenant_id = $1\(filter)", [tx.tenantID])
            .first("n").flatMap(Int.init) ?? 0
        guard count < maximum else { throw Reached(resource: resource, maximum: maximum) }
        return count
    }
}

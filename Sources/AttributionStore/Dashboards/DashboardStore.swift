public import Foundation
public import Storage

/// Custom dashboards per user (`attribution_custom_dashboards`, row-level
/// security per tenant). A user sees their own dashboards and the tenant's
/// shared ones; whatever else exists is invisible, as if it did not.
///
/// Reads run in their own read-only transaction; the writes are steps of
/// the caller's tenant transaction (``lockOwner(_:in:)`` first when the
/// owner's default may change), so that a service can combine them with
/// ServiceKit's `VersionedUpdate` in one transaction.
public struct DashboardStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The table, for `VersionedUpdate`.
    public static let table = "attribution_custom_dashboards"

    /// The list order's position: the user's own default first, then by name and id.
    public struct Cursor: Codable, Sendable, Equatable {
        public var rank: Int
        public var name: String
        public var id: UUID

        public init(rank: Int, name: String, id: UUID) {
            self.rank = rank
            self.name = name
            self.id = id
        }

        /// The cursor of `dashboard` in `user`'s list.
        public init(_ dashboard: StoredDashboard, user: String) {
            self.init(rank: dashboard.ownerID == user && dashboard.record.isDefault ? 0 : 1, name: dashboard.record.name, id: dashboard.id)
        }
    }

    /// Up to `limit` of the dashboards `user` sees, after `after`.
    public func list(user: String, after: Cursor?, limit: Int, tenantID: UUID) async throws -> [StoredDashboard] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            let rank = "(CASE WHEN user_id = $1 AND is_default THEN 0 ELSE 1 END)"
            var parameters: [any PostgresEncodable] = [user, limit]
            var position = ""
            if let after {
                parameters += [after.rank, after.name, after.id]
                position = "AND (\(rank), name, id) > ($3::int, $4::text, $5::uuid)"
            }
            return try await tx.query(
                """
                SELECT \(StoredDashboard.columns) FROM \(Self.table)
                WHERE tenant_id = $\(parameters.count + 1) AND (user_id = $1 OR shared) \(position)
                ORDER BY \(rank), name, id LIMIT $2
                """, parameters + [tenantID]
            ).map(StoredDashboard.init(row:))
        }
    }

    /// Dashboard `id` if `user` sees it.
    public func get(_ id: UUID, user: String, tenantID: UUID) async throws -> StoredDashboard? {
        try await database.withTenant(tenantID, readOnly: true) { tx in try await read(id, user: user, in: tx) }
    }

    /// Dashboard `id` if `user` sees it, locked for the rest of `tx` when `forUpdate`.
    public func read(_ id: UUID, user: String, forUpdate: Bool = false, in tx: TenantTransaction) async throws -> StoredDashboard? {
        try await tx.query(
            """
            SELECT \(StoredDashboard.columns) FROM \(Self.table)
            WHERE tenant_id = $3 AND id = $1 AND (user_id = $2 OR shared)\(forUpdate ? " FOR UPDATE" : "")
            """, [id, user, tx.tenantID]
        ).first.map(StoredDashboard.init(row:))
    }
}

public import Foundation

/// What services get: tenant data only through ``withTenant(_:isolation:readOnly:_:)``.
///
/// Every call is a transaction on the application role whose first statement
/// after BEGIN is `SET LOCAL app.tenant_id TO '<uuid>'` (a statement, which Citus
/// propagates to its workers): the setting ends with the transaction, so a pooled
/// connection never carries a tenant into the next request. Row-level
/// security (forced on every tenant-owned table) then shows and accepts only
/// that tenant's rows, even for a query that forgets its `WHERE tenant_id`.
public struct Database: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Runs `body` in a transaction scoped to `tenantID`.
    @discardableResult
    public func withTenant<R>(
        _ tenantID: UUID,
        isolation: IsolationLevel = .readCommitted,
        readOnly: Bool = false,
        _ body: (TenantTransaction) async throws -> R
    ) async throws -> R {
        let settings = ["app.tenant_id": tenantID.uuidString.lowercased()]
        return try await pool.withTransaction(isolation: isolation, readOnly: readOnly, settings: settings) { session in
            try await body(TenantTransaction(tenantID: tenantID, session: session))
        }
    }

    /// Every tenant's id and nothing else (through `app_tenant_ids()`; the
    /// `tenants` rows themselves are tenant-scoped): for work that visits each
    /// tenant in turn, such as `attrd keys rotate`, each visit a `withTenant`.
    public func tenantIDs() async throws -> [UUID] {
        try await pool.withConnection { session in
            try await session.query("SELECT app_tenant_ids() AS id").map { try $0.decode("id", as: UUID.self) }
        }
    }
}

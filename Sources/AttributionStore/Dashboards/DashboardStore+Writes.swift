public import Foundation
public import Storage

extension DashboardStore {
    /// Serialises, until `tx` ends, the transactions that may change `owner`'s
    /// default: the second waits for the first to commit and then sees its
    /// default (READ COMMITTED reads anew per statement), so concurrent
    /// set-default calls leave exactly one default.
    public func lockOwner(_ owner: String, in tx: TenantTransaction) async throws {
        try await tx.query(
            "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
            [tx.tenantID.uuidString.lowercased(), "dashboard-default:\(owner)"])
    }

    /// Makes `owner`'s default dashboard, other than `except`, no longer the default.
    public func clearDefault(of owner: String, except: UUID?, in tx: TenantTransaction) async throws {
        try await tx.query(
            """
            UPDATE \(Self.table) SET is_default = false
            WHERE tenant_id = $3 AND user_id = $1 AND is_default AND id IS DISTINCT FROM $2
            """, [owner, except, tx.tenantID])
    }

    /// Inserts a dashboard of `owner` at version 1 and returns it as stored.
    public func insert(_ record: DashboardRecord, owner: String, in tx: TenantTransaction) async throws -> StoredDashboard {
        try await TenantProvisioner.insertRow(in: tx)
        let row = try await tx.query(
            """
            INSERT INTO \(Self.table)
                (tenant_id, user_id, name, description, is_default, date_range_default, refresh_interval_minutes, layout, shared)
            VALUES (app_current_tenant(), $1, $2, $3, $4, $5, $6, $7::jsonb, $8)
            RETURNING \(StoredDashboard.columns)
            """,
            [owner, record.name, record.description, record.isDefault, record.dateRange, record.refreshIntervalMinutes,
             record.layout, record.shared])
        return try StoredDashboard(row: row[0])
    }

    /// The columns `VersionedUpdate` sets to store `record`.
    public static func assignments(_ record: DashboardRecord, now: Date) -> [(String, any PostgresEncodable)] {
        [("name", record.name), ("description", record.description), ("is_default", record.isDefault),
         ("date_range_default", record.dateRange), ("refresh_interval_minutes", record.refreshIntervalMinutes),
         ("layout", record.layout), ("shared", record.shared), ("updated_at", now)]
    }

    /// Deletes dashboard `id`; false when the tenant has none.
    public func delete(_ id: UUID, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.query("DELETE FROM \(Self.table) WHERE tenant_id = $2 AND id = $1 RETURNING id", [id, tx.tenantID]).isEmpty
    }
}

public import Foundation
public import Secrets
public import Storage

/// Per-tenant pixel destinations, their secrets sealed with `SecretBox`
/// (bound to tenant, table, row and column: docs/SECURITY.md).
public struct PixelDestinationStore: Sendable {
    public let database: Database
    /// nil when attrd has no master key: destinations can then be read but not set or used.
    public let box: SecretBox?

    public init(database: Database, box: SecretBox?) {
        self.database = database
        self.box = box
    }

    /// Thrown by `set` and `opened` when there is no master key to seal or open secrets with.
    public struct NoMasterKey: Error {}

    /// The configured destinations without their secrets: (platform, id, updated).
    public func list(tenantID: UUID) async throws -> [(platform: String, destinationID: String, updatedAt: Date)] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            try await tx.query(
                """
                SELECT platform, destination_id, updated_at FROM pixel_destinations WHERE tenant_id = $1
                ORDER BY array_position(ARRAY['ga4','meta','tiktok'], platform)
                """, [tenantID]
            ).map { (try $0.decode("platform"), try $0.decode("destination_id"), try $0.decode("updated_at")) }
        }
    }

    public func set(platform: String, destinationID: String, secret: String, tenantID: UUID) async throws -> Date {
        guard let box else { throw NoMasterKey() }
        return try await database.withTenant(tenantID) { tx in
            try await TenantProvisioner.insertRow(in: tx)
            // The row keeps its id across updates: the seal is bound to it.
            let id = try await tx.query(
                """
                INSERT INTO pixel_destinations (tenant_id, platform, destination_id, sealed_secret)
                VALUES (app_current_tenant(), $1, $2, '\\x00')
                ON CONFLICT (tenant_id, platform) DO UPDATE SET destination_id = EXCLUDED.destination_id
                RETURNING id
                """, [platform, destinationID]
            )[0].decode("id", as: UUID.self)
            let sealed = try box.seal(secret, for: Self.context(tenantID: tenantID, rowID: id))
            return try await tx.query(
                """
                UPDATE pixel_destinations SET sealed_secret = $1, updated_at = now()
                WHERE tenant_id = $3 AND id = $2 RETURNING updated_at
                """, [PostgresBytes(sealed), id, tenantID]
            )[0].decode("updated_at")
        }
    }

    /// Deletes the destination of `platform` with its sealed secret; returns what was
    /// deleted (id, updated), or nil when the tenant has none for the platform.
    public func delete(platform: String, tenantID: UUID) async throws -> (destinationID: String, updatedAt: Date)? {
        try await database.withTenant(tenantID) { tx in
            try await tx.query(
                "DELETE FROM pixel_destinations WHERE tenant_id = $2 AND platform = $1 RETURNING destination_id, updated_at",
                [platform, tenantID]
            ).first.map { (try $0.decode("destination_id"), try $0.decode("updated_at")) }
        }
    }

    /// The destinations with their secrets opened, by platform; throws
    /// `NoMasterKey` without a master key (none could be opened).
    public func opened(tenantID: UUID) async throws -> [String: PixelDestination] {
        guard let box else { throw NoMasterKey() }
        return try await database.withTenant(tenantID, readOnly: true) { tx in
            var destinations: [String: PixelDestination] = [:]
            for row in try await tx.query(
                "SELECT id, platform, destination_id, sealed_secret, updated_at FROM pixel_destinations WHERE tenant_id = $1",
                [tenantID]
            ) {
                let id: UUID = try row.decode("id")
                let sealed: Data = try row.decode("sealed_secret")
                let secret = try box.openString([UInt8](sealed), for: Self.context(tenantID: tenantID, rowID: id))
                let platform: String = try row.decode("platform")
                destinations[platform] = PixelDestination(
                    platform: platform, destinationID: try row.decode("destination_id"), secret: secret,
                    updatedAt: try row.decode("updated_at"))
            }
            return destinations
        }
    }

    static func context(tenantID: UUID, rowID: UUID) -> SecretContext {
        SecretContext(
            tenantID: tenantID, table: SecretColumn.pixelDestinationSecret.table, rowID: rowID,
            column: SecretColumn.pixelDestinationSecret.column)
    }
}

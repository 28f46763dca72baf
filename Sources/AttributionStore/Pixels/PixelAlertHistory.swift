public import Foundation
public import Storage

/// Reads the accuracy alerts that fired for a tenant (`pixel_alert_events`),
/// newest first, with their delivery outcome.
public struct PixelAlertHistory: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A position in the history: the last alert of a page.
    public struct Cursor: Sendable, Hashable, Codable {
        public var createdAt: Date
        public var id: UUID
        public init(createdAt: Date, id: UUID) {
            self.createdAt = createdAt
            self.id = id
        }
    }

    /// Up to `limit` alerts after `cursor`, by (created_at, id) descending;
    /// only `platform`'s when given.
    public func list(platform: String?, after cursor: Cursor?, limit: Int, tenantID: UUID) async throws -> [PixelAlertRecord] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            var parameters: [any PostgresEncodable] = [platform, tenantID]
            var after = "true"
            if let cursor {
                parameters += [cursor.createdAt, cursor.id]
                after = "(e.created_at, e.id) < ($3::timestamptz, $4::uuid)"
            }
            return try await tx.query(
                """
                SELECT \(PixelAlertRecord.columns)
                FROM pixel_alert_events e LEFT JOIN jobs d ON \(PixelAlertRecord.deliveryJoin)
                WHERE e.tenant_id = $2 AND ($1::text IS NULL OR e.platform = $1) AND \(after)
                ORDER BY e.created_at DESC, e.id DESC LIMIT \(max(0, limit))
                """, parameters
            ).map(PixelAlertRecord.init(row:))
        }
    }
}

public import Foundation
public import Storage

/// Reads a tenant's stored pixel events: the event log (every stored
/// event, newest first, paged by keyset), one ingest batch (for the live
/// stream), failures, and events by id. Events are kept until they are
/// deleted (with their tenant): there is no retention limit.
public struct PixelEventLog: Sendable {
    /// The log counts matching events up to this many; past it, the count
    /// is reported as a lower bound (counting millions would cost a scan).
    public static let countLimit = 10_000

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A position in the log: the last event of a page.
    public struct Cursor: Sendable, Hashable, Codable {
        public var eventTime: Date
        public var id: UUID
        public init(eventTime: Date, id: UUID) {
            self.eventTime = eventTime
            self.id = id
        }
    }

    /// Up to `limit` events after `cursor`, newest first (event_time, then
    /// id), among all the tenant's events that pass `filter`; and how many
    /// pass: exact up to `countLimit`, else `countLimit` with `totalIsLowerBound`.
    ///
    /// The time range and keyset use `pixel_events_tenant_time_id`, the
    /// order-id prefix `pixel_events_tenant_order_prefix` (byte order, so
    /// `starts_with` becomes an index range).
    public func list(
        _ filter: PixelEventFilter, after cursor: Cursor?, limit: Int, tenantID: UUID
    ) async throws -> (events: [PixelEventRow], total: Int, totalIsLowerBound: Bool) {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            let (filtered, filterParameters) = filter.condition(parameters: 1)
            // Named tenant_id: on Citus the statement runs on the tenant's shard.
            let parameters = filterParameters + [tenantID]
            let condition = "p.tenant_id = $\(parameters.count) AND \(filtered)"
            let counted = try await tx.query(
                """
                SELECT count(*) AS n FROM (
                    SELECT 1 FROM pixel_events p WHERE \(condition) LIMIT \(Self.countLimit + 1)) AS matching
                """, parameters
            ).first("n").flatMap(Int.init) ?? 0
            var after = "true"
            var all = parameters
            if let cursor {
                all += [cursor.eventTime, cursor.id]
                after = "(p.event_time, p.id) < ($\(all.count - 1)::timestamptz, $\(all.count)::uuid)"
            }
            let rows = try await tx.query(
                """
                SELECT \(PixelEventRow.columns) FROM pixel_events p
                WHERE \(condition) AND \(after)
                ORDER BY p.event_time DESC, p.id DESC LIMIT \(max(0, limit))
                """, all)
            return (try rows.map(PixelEventRow.init(row:)), min(counted, Self.countLimit), counted > Self.countLimit)
        }
    }

    /// The events one ingest transaction stored, in the order stored.
    public func batch(_ batchID: UUID, tenantID: UUID) async throws -> [PixelEventRow] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            try await tx.query(
                """
                SELECT \(PixelEventRow.columns) FROM pixel_events p
                WHERE p.tenant_id = $2 AND p.ingest_batch = $1 ORDER BY p.received_at, p.id
                """, [batchID, tenantID]
            ).map(PixelEventRow.init(row:))
        }
    }

    /// Failed events, most recent attempt first, after `cursor` (last_attempt_at, id).
    public func failures(
        platform: String?, errorType: String?, after cursor: Cursor?, limit: Int, tenantID: UUID
    ) async throws -> [PixelEventRow] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            var parameters: [any PostgresEncodable] = [platform, errorType, tenantID]
            var after = "true"
            if let cursor {
                parameters += [cursor.eventTime, cursor.id]
                after = "(COALESCE(p.last_attempt_at, p.received_at), p.id) < ($4::timestamptz, $5::uuid)"
            }
            return try await tx.query(
                """
                SELECT \(PixelEventRow.columns) FROM pixel_events p
                WHERE p.tenant_id = $3 AND p.delivery_status = 'failed' AND ($1::text IS NULL OR p.platform = $1)
                  AND ($2::text IS NULL OR p.delivery_error_type = $2) AND \(after)
                ORDER BY COALESCE(p.last_attempt_at, p.received_at) DESC, p.id DESC LIMIT \(max(0, limit))
                """, parameters
            ).map(PixelEventRow.init(row:))
        }
    }

    /// The events with these ids (of this tenant only: others are simply absent).
    public func events(_ ids: [UUID], tenantID: UUID) async throws -> [PixelEventRow] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            try await tx.query(
                "SELECT \(PixelEventRow.columns) FROM pixel_events p WHERE p.tenant_id = $2 AND p.id = ANY($1::text[]::uuid[])",
                [ids.map(\.uuidString), tenantID]
            ).map(PixelEventRow.init(row:))
        }
    }
}

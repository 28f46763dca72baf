import AttributionCore
import Foundation
import Storage

/// Stores pixel events, idempotently on (tenant, platform, event_name,
/// event_id): the first one received wins, later copies are duplicates (and
/// conflicts when their content differs, the delivery outcome aside).
/// Each call tags the rows it inserts with a fresh `ingest_batch` id and,
/// when it inserted any, NOTIFYs ``PixelBatchNotification/channel`` with it
/// (delivered at commit, in commit order) for the live event stream.
///
/// One statement does it all: the batch travels as one array parameter per
/// column, `unnest` turns them back into rows, the insert skips conflicts,
/// and the NOTIFY rides in the same statement; row-level security's check
/// applies to every row. (A temporary staging table filled by COPY cost a
/// catalog insert and delete and two more round trips per batch.)
enum PixelEventWriter {
    /// The batch's columns as `unnest` gives them back, parameters $1 to $13.
    private static let batchColumns = """
        unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
            $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::bigint[], $13::text[])
            WITH ORDINALITY AS batch(platform, event_type, event_name, event_id, event_time, order_id,
                session_id, match_status, delivery_status, delivery_error, match_keys, value_minor, currency, ord)
        """

    private static let conflicts = ConflictCheck(
        table: "pixel_events", key: ["platform", "event_name", "event_id"],
        compared: [
            ("event_type", "event_type"), ("event_time", "event_time"), ("order_id", "order_id"),
            ("session_id", "session_id"), ("match_keys", "user_data"), ("value_minor", "value.amount_minor"),
            ("currency", "value.currency_code"),
        ])

    static func insert(_ events: [PixelEventRecord], in tx: TenantTransaction) async throws -> WriteSummary {
        guard !events.isEmpty else { return WriteSummary() }
        let batch = PixelBatchNotification(tenantID: tx.tenantID, batchID: UUID())
        func column(_ value: (PixelEventRecord) -> any PostgresEncodable) -> PostgresArray {
            PostgresArray(events.map(value))
        }
        let columns: [any PostgresEncodable] = [
            column(\.platform), column(\.eventType), column(\.eventName), column(\.eventID), column(\.eventTime),
            column(\.orderID), column(\.sessionID), column(\.matchKeys.status.rawValue), column(\.deliveryStatus),
            column(\.deliveryError), column(\.matchKeys.jsonObject), column(\.valueMinor), column(\.currency),
        ]
        // ON CONFLICT DO NOTHING also skips a repeat within the batch: rows go
        // in batch order (WITH ORDINALITY), so the first copy is the one kept.
        let result = try await tx.query(
            """
            WITH inserted AS (
                INSERT INTO pixel_events (tenant_id, platform, event_type, event_name, event_id, event_time, order_id,
                    session_id, match_status, delivery_status, delivery_error, delivery_error_type, delivery_attempts,
                    last_attempt_at, match_keys, value_minor, currency, ingest_batch)
                SELECT app_current_tenant(), platform, event_type, event_name, event_id, event_time, order_id,
                    session_id, match_status, delivery_status, delivery_error,
                    CASE WHEN delivery_status = 'failed' THEN 'reported' END,
                    CASE WHEN delivery_status = 'pending' THEN 0 ELSE 1 END,
                    CASE WHEN delivery_status = 'pending' THEN NULL ELSE now() END,
                    match_keys, value_minor, currency, $14::uuid
                FROM \(batchColumns)
                ORDER BY ord
                ON CONFLICT (tenant_id, platform, event_name, event_id) DO NOTHING
                RETURNING 1
            )
            SELECT counted.n, (SELECT pg_notify($15, $16) WHERE counted.n > 0) IS NOT NULL AS notified
            FROM (SELECT count(*)::int AS n FROM inserted) AS counted
            """,
            columns + [batch.batchID, PixelBatchNotification.channel, batch.payload])
        let inserted: Int = try result.first?.decode("n") ?? 0
        guard inserted < events.count else { return WriteSummary(accepted: inserted) }
        let conflicts = try await Self.conflicts.find(
            in: """
                (SELECT platform, event_name, event_id, event_type, event_time, order_id, session_id, match_keys,
                    value_minor, currency, ord - 1 AS ord FROM \(batchColumns)) s
                """, columns, tx: tx)
        return WriteSummary(accepted: inserted, duplicates: events.count - inserted, conflicts: conflicts)
    }
}

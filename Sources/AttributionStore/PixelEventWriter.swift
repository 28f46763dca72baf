import AttributionCore
import Foundation
import Storage

/// Stores pixel events, idempotently on (tenant, platform, event_name,
/// event_id): the first one received wins, later copies are duplicates.
/// Each call tags the rows it inserts with a fresh `ingest_batch` id and,
/// when it inserted any, NOTIFYs ``PixelBatchNotification/channel`` with it
/// (delivered at commit, in commit order) for the live event stream.
enum PixelEventWriter {
    private static let staging = StagedInsert(
        table: "staged_pixel_events",
        columns: """
            ord int, platform text, event_type text, event_name text, event_id text, event_time timestamptz,
            order_id text, session_id text, match_status text, delivery_status text, delivery_error text,
            match_keys jsonb, value_minor bigint, currency text
            """)

    static func insert(_ events: [PixelEventRecord], in tx: TenantTransaction) async throws -> WriteSummary {
        guard !events.isEmpty else { return WriteSummary() }
        let rows: [[any PostgresEncodable]] = events.enumerated().map { index, event in
            [
                index, event.platform, event.eventType, event.eventName, event.eventID, event.eventTime,
                event.orderID, event.sessionID, event.matchKeys.status.rawValue, event.deliveryStatus,
                event.deliveryError, event.matchKeys.jsonObject, event.valueMinor, event.currency,
            ]
        }
        try await staging.stage(rows, in: tx)
        let batch = PixelBatchNotification(tenantID: tx.tenantID, batchID: UUID())
        // ON CONFLICT DO NOTHING also skips a repeat within the batch: rows go
        // in batch order, so the first copy is the one kept.
        let inserted = try await tx.query(
            """
            INSERT INTO pixel_events (tenant_id, platform, event_type, event_name, event_id, event_time, order_id,
                session_id, match_status, delivery_status, delivery_error, delivery_error_type, delivery_attempts,
                last_attempt_at, match_keys, value_minor, currency, ingest_batch)
            SELECT app_current_tenant(), platform, event_type, event_name, event_id, event_time, order_id,
                session_id, match_status, delivery_status, delivery_error,
                CASE WHEN delivery_status = 'failed' THEN 'reported' END,
                CASE WHEN delivery_status = 'pending' THEN 0 ELSE 1 END,
                CASE WHEN delivery_status = 'pending' THEN NULL ELSE now() END,
                match_keys, value_minor, currency, $1::uuid
            FROM staged_pixel_events ORDER BY ord
            ON CONFLICT (tenant_id, platform, event_name, event_id) DO NOTHING
            """, [batch.batchID])
        if inserted.affectedRows > 0 {
            try await tx.notify(PixelBatchNotification.channel, payload: batch.payload)
        }
        return WriteSummary(accepted: inserted.affectedRows, duplicates: events.count - inserted.affectedRows)
    }
}

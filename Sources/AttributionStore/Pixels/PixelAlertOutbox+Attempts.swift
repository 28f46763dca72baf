public import Foundation
import Jobs
import Storage

extension PixelAlertOutbox {
    /// Marks alert `id` `sending` for attempt `attempt` (the job's) and
    /// returns it; nil when it is no longer pending, or a later attempt has
    /// begun. The attempt number fences the attempt's later writes: a stale
    /// attempt's progress or outcome matches no row.
    func begin(_ id: UUID, attempt: Int, now: Date, tenantID: UUID) async throws -> PixelAlertEvent? {
        try await database.withTenant(tenantID) { tx in
            let rows = try await tx.query(
                """
                UPDATE pixel_alert_events SET delivery_status = 'sending', attempts = $2, last_attempt_at = $3
                WHERE tenant_id = $4 AND id = $1 AND delivery_status IN ('pending', 'sending') AND attempts < $2
                RETURNING id, platform, accuracy_percent, threshold_percent::int AS threshold, window_end,
                    channel, targets, delivered_targets, attempts
                """, [id, attempt, now, tenantID])
            guard let row = rows.first else { return nil }
            return PixelAlertEvent(
                id: try row.decode("id"), platform: try row.decode("platform"),
                accuracyPercent: try row.decode("accuracy_percent"), thresholdPercent: try row.decode("threshold"),
                windowEnd: try row.decode("window_end"), channel: try row.decode("channel"),
                targets: try row.decode("targets"), deliveredTargets: try row.decode("delivered_targets"),
                attempt: try row.decode("attempts"))
        }
    }

    /// Records that `target` received the alert in its current attempt.
    func recordDelivered(_ target: String, of alert: PixelAlertEvent, tenantID: UUID) async throws {
        let updated = try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                UPDATE pixel_alert_events SET delivered_targets = CASE
                    WHEN $3 = ANY(delivered_targets) THEN delivered_targets ELSE array_append(delivered_targets, $3) END
                WHERE tenant_id = $4 AND id = $1 AND attempts = $2 AND delivery_status = 'sending'
                """, [alert.id, alert.attempt, target, tenantID])
        }
        if updated.affectedRows == 0 { throw PixelAlertClaimLost(alertID: alert.id) }
    }

    /// Records the attempt's outcome on the alert, then tells the queue
    /// (by returning or throwing) what to do with the job.
    func finish(_ alert: PixelAlertEvent, _ outcome: PixelAlertSendOutcome, lastAttempt: Bool, now: Date, tenantID: UUID) async throws {
        let (status, error): (String, String?)
        switch outcome {
        case .sent: (status, error) = ("sent", nil)
        case .transient(let message) where !lastAttempt: (status, error) = ("pending", message)
        case .transient(let message), .permanent(let message): (status, error) = ("failed", message)
        }
        let message = error.map { String($0.prefix(2000)) }
        let updated = try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                UPDATE pixel_alert_events SET delivery_status = $3, delivery_error = coalesce($4, delivery_error),
                    sent_at = CASE WHEN $3 = 'sent' THEN $5::timestamptz END,
                    delivered_targets = CASE WHEN $3 = 'sent' THEN targets ELSE delivered_targets END
                WHERE tenant_id = $6 AND id = $1 AND attempts = $2 AND delivery_status = 'sending'
                """, [alert.id, alert.attempt, status, message, now, tenantID])
        }
        if updated.affectedRows == 0 { throw PixelAlertClaimLost(alertID: alert.id) }
        switch status {
        case "sent": return
        case "pending": throw PixelAlertDeliveryFailed(message: message ?? "")
        default: throw JobFailure.permanent(message ?? "")
        }
    }
}

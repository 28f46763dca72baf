public import Foundation
import Storage

extension PixelAlertOutbox {
    /// Where `finish` left an alert.
    public enum Finish: Sendable, Equatable {
        case sent
        case retrying(at: Date)
        case failed
        /// The claim had passed to another replica: nothing was recorded.
        case lost
    }

    /// Claims the tenant's next due alert of `channels`: a pending one whose
    /// attempt time has come, or one whose claim expired (its replica
    /// stopped while sending). The attempt is counted now. An expired claim
    /// of the last allowed attempt is not claimed again: it fails.
    public func claim(tenantID: UUID, channels: Set<String>) async throws -> PixelAlertClaim? {
        let (now, claimID) = (clock(), UUID())
        return try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                UPDATE pixel_alert_events SET delivery_status = 'failed', claim_id = NULL, claimed_until = NULL,
                    delivery_error = left('attempt ' || attempts || ' did not finish before its claim expired'
                        || coalesce('; the attempt before: ' || delivery_error, ''), 2000)
                WHERE tenant_id = $3 AND id IN (
                    SELECT id FROM pixel_alert_events
                    WHERE tenant_id = $3 AND delivery_status = 'sending' AND claimed_until <= $1 AND attempts >= $2
                    FOR UPDATE SKIP LOCKED)
                """, [now, policy.maxAttempts, tenantID])
            let rows = try await tx.query(
                """
                UPDATE pixel_alert_events AS e SET delivery_status = 'sending', claim_id = $3, claimed_until = $4,
                    attempts = e.attempts + 1, last_attempt_at = $1
                WHERE e.tenant_id = $5 AND e.id = (
                    -- A scalar subquery runs once: in a FROM clause, the planner
                    -- may join it so that one UPDATE claims several alerts.
                    SELECT id FROM pixel_alert_events
                    WHERE tenant_id = $5 AND channel = ANY($2::text[]) AND (
                        (delivery_status = 'pending' AND next_attempt_at <= $1)
                        OR (delivery_status = 'sending' AND claimed_until <= $1))
                    ORDER BY next_attempt_at, created_at LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING e.id, e.platform, e.accuracy_percent, e.threshold_percent::int AS threshold, e.window_end,
                    e.channel, e.targets, e.delivered_targets, e.attempts
                """, [now, channels.sorted(), claimID, now.addingTimeInterval(policy.lease.timeInterval), tenantID])
            guard let row = rows.first else { return nil }
            let alert = PixelAlertEvent(
                id: try row.decode("id"), platform: try row.decode("platform"),
                accuracyPercent: try row.decode("accuracy_percent"), thresholdPercent: try row.decode("threshold"),
                windowEnd: try row.decode("window_end"), channel: try row.decode("channel"),
                targets: try row.decode("targets"), deliveredTargets: try row.decode("delivered_targets"),
                attempt: try row.decode("attempts"))
            return PixelAlertClaim(id: claimID, alert: alert)
        }
    }

    /// Records that `target` received the claimed alert, and renews the lease.
    public func recordDelivered(_ target: String, of claim: PixelAlertClaim, tenantID: UUID) async throws {
        let until = clock().addingTimeInterval(policy.lease.timeInterval)
        let updated = try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                UPDATE pixel_alert_events SET claimed_until = $4, delivered_targets = CASE
                    WHEN $3 = ANY(delivered_targets) THEN delivered_targets ELSE array_append(delivered_targets, $3) END
                WHERE tenant_id = $5 AND id = $1 AND claim_id = $2 AND delivery_status = 'sending'
                """, [claim.alert.id, claim.id, target, until, tenantID])
        }
        if updated.affectedRows == 0 { throw PixelAlertClaimLost(alertID: claim.alert.id) }
    }

    /// Records the outcome of the claimed attempt (when the claim is still
    /// this one's). A transient failure is retried after the policy's backoff
    /// unless this was the last allowed attempt.
    @discardableResult
    public func finish(_ claim: PixelAlertClaim, _ outcome: PixelAlertSendOutcome, tenantID: UUID) async throws -> Finish {
        let now = clock()
        let (finish, status, next, error): (Finish, String, Date?, String?)
        switch outcome {
        case .sent:
            (finish, status, next, error) = (.sent, "sent", nil, nil)
        case .transient(let message) where claim.alert.attempt < policy.maxAttempts:
            let at = now.addingTimeInterval(policy.delay(afterAttempt: claim.alert.attempt).timeInterval)
            (finish, status, next, error) = (.retrying(at: at), "pending", at, message)
        case .transient(let message), .permanent(let message):
            (finish, status, next, error) = (.failed, "failed", nil, message)
        }
        let updated = try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                UPDATE pixel_alert_events SET delivery_status = $3, claim_id = NULL, claimed_until = NULL,
                    next_attempt_at = coalesce($4::timestamptz, next_attempt_at), delivery_error = coalesce($5, delivery_error),
                    sent_at = CASE WHEN $3 = 'sent' THEN $6::timestamptz END,
                    delivered_targets = CASE WHEN $3 = 'sent' THEN targets ELSE delivered_targets END
                WHERE tenant_id = $7 AND id = $1 AND claim_id = $2 AND delivery_status = 'sending'
                """, [claim.alert.id, claim.id, status, next, error.map { String($0.prefix(2000)) }, now, tenantID])
        }
        return updated.affectedRows == 0 ? .lost : finish
    }
}

public import Foundation
import Storage

/// What claiming an event for a retry found (`PixelEventLog.claimForRetry`).
public enum RetryClaim: Sendable, Equatable {
    /// Claimed by this call until the lease lapses: it may send the event.
    case claimed
    /// Delivered already: nothing to send.
    case alreadyDelivered(attempts: Int)
    /// Another retry holds an unexpired claim on it (or is changing it at this moment).
    case inProgress(attempts: Int)
    /// No such event in the tenant.
    case notFound
}

extension PixelEventLog {
    /// Claims an undelivered event for one retry attempt, in a short
    /// transaction of its own: the claim (`retry_claim`, a lease until
    /// `retry_claim_expires_at`) is what stops a concurrent retry from
    /// sending the event too. A row another transaction holds locked right
    /// now is skipped (`SKIP LOCKED`) and reported in progress, so claiming
    /// never waits. `recordAttempt` releases the claim.
    public func claimForRetry(_ id: UUID, claim: UUID, lease: Duration, tenantID: UUID) async throws -> RetryClaim {
        let milliseconds = lease.components.seconds * 1000 + lease.components.attoseconds / 1_000_000_000_000_000
        return try await database.withTenant(tenantID) { tx in
            let now = try await Self.databaseNow(tx)
            let claimed = try await tx.query(
                """
                WITH free AS (
                    SELECT id FROM pixel_events
                    WHERE tenant_id = $4 AND id = $1 AND delivery_status <> 'delivered'
                      AND (retry_claim_expires_at IS NULL OR retry_claim_expires_at <= $5)
                    FOR UPDATE SKIP LOCKED)
                UPDATE pixel_events p
                SET retry_claim = $2, retry_claim_expires_at = $5::timestamptz + $3::bigint * interval '1 millisecond'
                FROM free WHERE p.tenant_id = $4 AND p.id = free.id
                RETURNING p.id
                """, [id, claim, milliseconds, tenantID, now])
            if !claimed.isEmpty { return .claimed }
            guard let row = try await tx.query(
                "SELECT delivery_status, delivery_attempts FROM pixel_events WHERE tenant_id = $2 AND id = $1", [id, tenantID]
            ).first else { return .notFound }
            let attempts: Int = try row.decode("delivery_attempts")
            let status: String = try row.decode("delivery_status")
            return status == "delivered" ? .alreadyDelivered(attempts: attempts) : .inProgress(attempts: attempts)
        }
    }

    /// Gives up this call's claim on an event it did not send after all.
    public func releaseRetryClaim(_ id: UUID, claim: UUID, tenantID: UUID) async throws {
        try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                UPDATE pixel_events SET retry_claim = NULL, retry_claim_expires_at = NULL
                WHERE tenant_id = $3 AND id = $1 AND retry_claim = $2
                """, [id, claim, tenantID])
        }
    }

    /// Records one delivery attempt's outcome (delivered, or failed with an
    /// error type and message) and releases this call's claim on the event.
    /// Returns the attempts so far and the attempt's time; nil when the
    /// event was delivered meanwhile (left as it is, claim released).
    public func recordAttempt(
        _ id: UUID, claim: UUID, delivered: Bool, errorType: String?, error: String?, tenantID: UUID
    ) async throws -> (attempts: Int, at: Date)? {
        try await database.withTenant(tenantID) { tx in
            let now = try await Self.databaseNow(tx)
            let rows = try await tx.query(
                """
                UPDATE pixel_events SET delivery_status = CASE WHEN $2 THEN 'delivered' ELSE 'failed' END,
                    delivery_error = $3, delivery_error_type = $4,
                    delivery_attempts = delivery_attempts + 1, last_attempt_at = $7,
                    retry_claim = CASE WHEN retry_claim = $5 THEN NULL ELSE retry_claim END,
                    retry_claim_expires_at = CASE WHEN retry_claim = $5 THEN NULL ELSE retry_claim_expires_at END
                WHERE tenant_id = $6 AND id = $1 AND delivery_status <> 'delivered'
                RETURNING delivery_attempts, last_attempt_at
                """, [id, delivered, error.map { String($0.prefix(2000)) }, errorType, claim, tenantID, now])
            guard let row = rows.first else {
                try await tx.query(
                    """
                    UPDATE pixel_events SET retry_claim = NULL, retry_claim_expires_at = NULL
                    WHERE tenant_id = $3 AND id = $1 AND retry_claim = $2
                    """, [id, claim, tenantID])
                return nil
            }
            return (try row.decode("delivery_attempts"), try row.decode("last_attempt_at"))
        }
    }

    /// The database's clock now (`clock_timestamp()`), read by a statement of
    /// its own and passed to the UPDATEs as a parameter: Citus refuses
    /// volatile functions in an UPDATE of a distributed table.
    static func databaseNow(_ tx: TenantTransaction) async throws -> Date {
        guard let row = try await tx.query("SELECT clock_timestamp() AS now").first else {
            throw PostgresError(code: .queryFailed, message: "SELECT clock_timestamp() returned no row")
        }
        return try row.decode("now")
    }
}

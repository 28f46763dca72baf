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
    /// The job kind of a RetryEvents attempt: a job of the queue (`jobs`),
    /// run by the call itself, that holds the event while it is sent.
    public static let retryJobKind = "pixel_retry"

    /// The attempt's unique key: the event and the attempt's number, so two
    /// calls making the same attempt meet on one job.
    static func retryKey(_ id: UUID, attempt: Int) -> String { "\(id.uuidString.lowercased())#\(attempt)" }

    /// The lease owner of one RetryEvents call.
    static func retryOwner(_ claim: UUID) -> String { "RetryEvents:\(claim.uuidString.lowercased())" }

    /// Claims an undelivered event for one retry attempt, in a short
    /// transaction of its own: the attempt is a job of the queue (kind
    /// `pixel_retry`, unique by event and attempt number) created running,
    /// leased to this call until `lease` from now; a concurrent retry of the
    /// same attempt meets that job and reports the event in progress while
    /// the lease runs, and takes the job over once it lapsed (the call that
    /// held it stopped). An event row another transaction holds locked right
    /// now is skipped (`SKIP LOCKED`) and reported in progress, so claiming
    /// never waits. `recordAttempt` finishes the job.
    public func claimForRetry(_ id: UUID, claim: UUID, lease: Duration, tenantID: UUID) async throws -> RetryClaim {
        let milliseconds = lease.components.seconds * 1000 + lease.components.attoseconds / 1_000_000_000_000_000
        return try await database.withTenant(tenantID) { tx in
            guard let row = try await tx.query(
                "SELECT delivery_status, delivery_attempts FROM pixel_events WHERE tenant_id = $2 AND id = $1 FOR UPDATE SKIP LOCKED",
                [id, tenantID]
            ).first else {
                guard let row = try await tx.query(
                    "SELECT delivery_status, delivery_attempts FROM pixel_events WHERE tenant_id = $2 AND id = $1", [id, tenantID]
                ).first else { return .notFound }
                let attempts: Int = try row.decode("delivery_attempts")
                let status: String = try row.decode("delivery_status")
                return status == "delivered" ? .alreadyDelivered(attempts: attempts) : .inProgress(attempts: attempts)
            }
            let attempts: Int = try row.decode("delivery_attempts")
            if try row.decode("delivery_status") as String == "delivered" { return .alreadyDelivered(attempts: attempts) }
            let now = try await Self.databaseNow(tx)
            let taken = try await tx.query(
                """
                INSERT INTO jobs AS j (tenant_id, kind, payload, run_at, unique_key, max_attempts, state, attempts,
                    lease_owner, lease_expires_at, heartbeat_at, attempted_at, updated_at)
                VALUES ($6, $1, jsonb_build_object('event', $2::uuid), $7, $3, 1, 'running', 1,
                    $4, $7::timestamptz + $5::bigint * interval '1 millisecond', $7, $7, $7)
                ON CONFLICT (tenant_id, kind, unique_key) WHERE unique_key IS NOT NULL DO UPDATE
                SET state = 'running', attempts = j.attempts + 1, max_attempts = j.attempts + 1,
                    lease_owner = EXCLUDED.lease_owner, lease_expires_at = EXCLUDED.lease_expires_at,
                    heartbeat_at = EXCLUDED.heartbeat_at, attempted_at = EXCLUDED.attempted_at,
                    updated_at = EXCLUDED.updated_at, finished_at = NULL, cancel_requested_at = NULL
                WHERE j.state <> 'running' OR j.lease_expires_at <= $7
                RETURNING j.id
                """,
                [Self.retryJobKind, id, Self.retryKey(id, attempt: attempts + 1), Self.retryOwner(claim), milliseconds,
                 tenantID, now])
            return taken.isEmpty ? .inProgress(attempts: attempts) : .claimed
        }
    }

    /// This call's running attempt job of event `$2` (owner `$3`) in tenant
    /// `$6`, for a WHERE clause.
    private static let heldJob = """
        tenant_id = $6 AND kind = $1 AND state = 'running' AND payload->>'event' = $2::uuid::text
            AND lease_owner = $3
        """

    /// Gives up this call's claim on an event it did not send after all (its job is cancelled).
    public func releaseRetryClaim(_ id: UUID, claim: UUID, tenantID: UUID) async throws {
        try await database.withTenant(tenantID) { tx in
            try await Self.endRetryJob(id, claim: claim, state: "cancelled", error: nil, now: try await Self.databaseNow(tx), in: tx)
        }
    }

    /// Ends this call's attempt job at `now` (the database's clock, read by the caller).
    private static func endRetryJob(
        _ id: UUID, claim: UUID, state: String, error: String?, now: Date, in tx: TenantTransaction
    ) async throws {
        try await tx.query(
            """
            UPDATE jobs SET state = $4, last_error = $5, finished_at = $7, updated_at = $7,
                lease_owner = NULL, lease_expires_at = NULL
            WHERE \(heldJob)
            """, [retryJobKind, id, retryOwner(claim), state, error, tx.tenantID, now])
    }

    /// Records one delivery attempt's outcome (delivered, or failed with an
    /// error type and message) and finishes this call's attempt job
    /// (succeeded, or discarded with the error), in one transaction.
    /// Returns the attempts so far and the attempt's time; nil when the
    /// event was delivered meanwhile (left as it is, the job cancelled).
    public func recordAttempt(
        _ id: UUID, claim: UUID, delivered: Bool, errorType: String?, error: String?, tenantID: UUID
    ) async throws -> (attempts: Int, at: Date)? {
        let message = error.map { String($0.prefix(2000)) }
        return try await database.withTenant(tenantID) { tx in
            let now = try await Self.databaseNow(tx)
            let rows = try await tx.query(
                """
                UPDATE pixel_events SET delivery_status = CASE WHEN $2 THEN 'delivered' ELSE 'failed' END,
                    delivery_error = $3, delivery_error_type = $4,
                    delivery_attempts = delivery_attempts + 1, last_attempt_at = $6
                WHERE tenant_id = $5 AND id = $1 AND delivery_status <> 'delivered'
                RETURNING delivery_attempts, last_attempt_at
                """, [id, delivered, message, errorType, tenantID, now])
            guard let row = rows.first else {
                try await Self.endRetryJob(id, claim: claim, state: "cancelled", error: nil, now: now, in: tx)
                return nil
            }
            try await Self.endRetryJob(
                id, claim: claim, state: delivered ? "succeeded" : "discarded", error: delivered ? nil : message, now: now, in: tx)
            return (try row.decode("delivery_attempts"), try row.decode("last_attempt_at"))
        }
    }

    /// The database's clock now (`clock_timestamp()`), read by a statement of
    /// its own and passed to the writes as a parameter: Citus refuses
    /// volatile functions in an UPDATE of a distributed table.
    static func databaseNow(_ tx: TenantTransaction) async throws -> Date {
        guard let row = try await tx.query("SELECT clock_timestamp() AS now").first else {
            throw PostgresError(code: .queryFailed, message: "SELECT clock_timestamp() returned no row")
        }
        return try row.decode("now")
    }
}

public import Foundation
import Storage

extension JobQueue {
    /// One claim round of `kind` at `now`: up to `limit` jobs across the due
    /// tenants (least recently served first, each at least one), leased to
    /// `owner` until `now + lease`. Expired leases are rescued here.
    public func claim(kind: String, owner: String, now: Date, lease: Duration, limit: Int) async throws -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        let rows = try await database.pool.withTransaction(isolation: .readCommitted) { session in
            try await session.query(
                """
                SELECT tenant_id, id, payload, attempts, max_attempts, unique_key
                FROM app_jobs_claim($1, $2, $3, make_interval(secs => $4::float8), $5)
                """, [kind, owner, now, "\(lease.seconds)", limit])
        }
        return try rows.map { row in
            ClaimedJob(
                tenantID: try row.decode("tenant_id"), id: try row.decode("id"), kind: kind,
                payload: try row.decode("payload"), attempt: try row.decode("attempts"),
                maxAttempts: try row.decode("max_attempts"), uniqueKey: try row.decode("unique_key"))
        }
    }

    /// Extends the lease of a running job; returns what the runner must do.
    public func heartbeat(_ job: ClaimedJob, owner: String, now: Date, lease: Duration) async throws -> Heartbeat {
        try await database.withTenant(job.tenantID) { tx in
            let rows = try await tx.query(
                """
                UPDATE jobs SET heartbeat_at = $3, lease_expires_at = $3::timestamptz + make_interval(secs => $4::float8),
                    updated_at = $3
                WHERE tenant_id = $5 AND id = $1 AND lease_owner = $2 AND state = 'running'
                RETURNING cancel_requested_at IS NOT NULL AS cancel
                """, [job.id, owner, now, "\(lease.seconds)", job.tenantID])
            guard let cancel = rows.first("cancel") else { return .lost }
            return cancel == "t" ? .cancelRequested : .held
        }
    }

    public enum Heartbeat: Sendable, Equatable {
        case held
        /// `attrd jobs cancel` asked for it: stop the handler, record `cancelled`.
        case cancelRequested
        /// The lease is no longer this worker's (it expired and was rescued).
        case lost
    }

    /// Records the end of an attempt, if the job is still this worker's;
    /// returns false when it was not (its lease was lost meanwhile).
    @discardableResult
    public func finish(_ job: ClaimedJob, owner: String, now: Date, outcome: Outcome) async throws -> Bool {
        try await database.withTenant(job.tenantID) { tx in
            let (sql, parameters) = outcome.update(job: job, owner: owner, now: now)
            let updated = try await tx.query(sql, parameters)
            if updated.affectedRows > 0, case .retry(let at, _) = outcome {
                try await tx.query("SELECT app_job_due($1, $2)", [job.kind, at])
            }
            if updated.affectedRows > 0, case .snooze(let at) = outcome {
                try await tx.query("SELECT app_job_due($1, $2)", [job.kind, at])
            }
            if updated.affectedRows > 0, case .release = outcome {
                try await tx.query("SELECT app_job_due($1, $2)", [job.kind, now])
                try await tx.notify(Self.channel, payload: job.kind)
            }
            return updated.affectedRows > 0
        }
    }

    /// How an attempt ended.
    public enum Outcome: Sendable, Equatable {
        case succeeded
        /// Failed; runs again at `at`.
        case retry(at: Date, error: String)
        /// Failed for good; the error is kept.
        case discard(error: String)
        case cancelled
        /// Not run to its end (the worker is shutting down): available again
        /// at once for another worker, the attempt not counted.
        case release
        /// Put back by its handler (``JobSnooze``): available again at `at`,
        /// the attempt not counted.
        case snooze(at: Date)

        /// The statement and its parameters; it names the job's tenant_id
        /// (the last parameter), so on Citus it runs on the tenant's shard.
        func update(job: ClaimedJob, owner: String, now: Date) -> (String, [any PostgresEncodable]) {
            let (sql, parameters) = statement(job: job, owner: owner, now: now)
            return (sql.replacingOccurrences(of: "$TENANT", with: "$\(parameters.count + 1)"), parameters + [job.tenantID])
        }

        private func statement(job: ClaimedJob, owner: String, now: Date) -> (String, [any PostgresEncodable]) {
            let mine = "WHERE tenant_id = $TENANT AND id = $1 AND lease_owner = $2 AND state = 'running'"
            let unlease = "lease_owner = NULL, lease_expires_at = NULL, updated_at = $3"
            switch self {
            case .succeeded:
                return ("UPDATE jobs SET state = 'succeeded', finished_at = $3, \(unlease) \(mine)", [job.id, owner, now])
            case .retry(let at, let error):
                return (
                    "UPDATE jobs SET state = 'retryable', run_at = $4, last_error = $5, \(unlease) \(mine)",
                    [job.id, owner, now, at, error]
                )
            case .discard(let error):
                return (
                    "UPDATE jobs SET state = 'discarded', finished_at = $3, last_error = $4, \(unlease) \(mine)",
                    [job.id, owner, now, error]
                )
            case .cancelled:
                return ("UPDATE jobs SET state = 'cancelled', finished_at = $3, \(unlease) \(mine)", [job.id, owner, now])
            case .snooze(let at):
                return (
                    "UPDATE jobs SET state = 'available', run_at = $4, attempts = attempts - 1, \(unlease) \(mine)",
                    [job.id, owner, now, at]
                )
            case .release:
                return (
                    "UPDATE jobs SET state = 'available', run_at = $3, attempts = attempts - 1, \(unlease) \(mine)",
                    [job.id, owner, now]
                )
            }
        }
    }
}

extension Duration {
    /// Seconds, fractional.
    var seconds: Double { self / .seconds(1) }
}

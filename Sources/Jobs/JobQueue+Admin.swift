public import Foundation
import Storage

/// Operators' work on the queue (`attrd jobs list|retry|cancel`), each job
/// in its own tenant's transaction.
extension JobQueue {
    public struct Filter: Sendable {
        public var state: JobState?
        public var kind: String?
        public var tenantID: UUID?

        public init(state: JobState? = nil, kind: String? = nil, tenantID: UUID? = nil) {
            self.state = state
            self.kind = kind
            self.tenantID = tenantID
        }
    }

    /// Up to `limit` jobs matching `filter`, newest run-at first within each
    /// tenant; without a tenant, every tenant's in turn (by id).
    public func list(_ filter: Filter, limit: Int = 100) async throws -> [JobRecord] {
        let tenants: [UUID]
        if let tenant = filter.tenantID { tenants = [tenant] } else { tenants = try await database.tenantIDs() }
        var records: [JobRecord] = []
        for tenant in tenants where records.count < limit {
            let rows = try await database.withTenant(tenant, readOnly: true) { tx in
                try await tx.query(
                    """
                    SELECT tenant_id, id, kind, state, attempts, max_attempts, run_at, unique_key, lease_owner, last_error
                    FROM jobs WHERE tenant_id = $4 AND ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
                    ORDER BY run_at DESC, id LIMIT $3
                    """, [filter.state?.rawValue, filter.kind, limit - records.count, tenant])
            }
            records += try rows.map { row in
                JobRecord(
                    tenantID: try row.decode("tenant_id"), id: try row.decode("id"), kind: try row.decode("kind"),
                    state: JobState(rawValue: try row.decode("state")) ?? .discarded, attempts: try row.decode("attempts"),
                    maxAttempts: try row.decode("max_attempts"), runAt: try row.decode("run_at"),
                    uniqueKey: try row.decode("unique_key"), leaseOwner: try row.decode("lease_owner"),
                    lastError: try row.decode("last_error"))
            }
        }
        return records
    }

    /// What `retry` or `cancel` did.
    public enum Change: Sendable, Equatable {
        /// Retried: available now (with one more attempt allowed if it had none left).
        case retried
        /// Cancelled before it ran.
        case cancelled
        /// Running: its runner stops it at the next heartbeat.
        case cancelRequested
        /// Refused in this state (e.g. retrying a running job, cancelling a finished one).
        case refused(JobState)
        case notFound
    }

    /// Makes a job that is not running available at `now` (attrd jobs retry).
    public func retry(_ id: UUID, now: Date = Date()) async throws -> Change {
        try await change(id) { tx, kind, state in
            guard state != .running else { return .refused(state) }
            try await tx.query(
                """
                UPDATE jobs SET state = 'available', run_at = $2, finished_at = NULL, cancel_requested_at = NULL,
                    max_attempts = GREATEST(max_attempts, attempts + 1), updated_at = $2
                WHERE tenant_id = $3 AND id = $1
                """, [id, now, tx.tenantID])
            try await tx.query("SELECT app_job_due($1, $2)", [kind, now])
            try await tx.notify(Self.channel, payload: kind)
            return .retried
        }
    }

    /// Cancels a job that has not finished (attrd jobs cancel).
    public func cancel(_ id: UUID, now: Date = Date()) async throws -> Change {
        try await change(id) { tx, _, state in
            switch state {
            case .available, .retryable:
                try await tx.query(
                    "UPDATE jobs SET state = 'cancelled', finished_at = $2, updated_at = $2 WHERE tenant_id = $3 AND id = $1",
                    [id, now, tx.tenantID])
                return .cancelled
            case .running:
                try await tx.query(
                    "UPDATE jobs SET cancel_requested_at = $2, updated_at = $2 WHERE tenant_id = $3 AND id = $1",
                    [id, now, tx.tenantID])
                return .cancelRequested
            case .succeeded, .discarded, .cancelled:
                return .refused(state)
            }
        }
    }

    /// Runs `body` on job `id`, locked, in its tenant's transaction.
    private func change(
        _ id: UUID, _ body: (TenantTransaction, String, JobState) async throws -> Change
    ) async throws -> Change {
        let tenant = try await database.pool.withConnection { session in
            try await session.query("SELECT app_job_tenant($1) AS tenant_id", [id]).first("tenant_id")
        }
        guard let tenant, let tenantID = UUID(uuidString: tenant) else { return .notFound }
        return try await database.withTenant(tenantID) { tx in
            let rows = try await tx.query(
                "SELECT kind, state FROM jobs WHERE tenant_id = $2 AND id = $1 FOR UPDATE", [id, tenantID])
            guard let row = rows.first, let state = JobState(rawValue: try row.decode("state")) else { return .notFound }
            return try await body(tx, try row.decode("kind"), state)
        }
    }
}

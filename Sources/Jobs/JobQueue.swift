public import Foundation
public import Storage

/// The durable job queue in PostgreSQL (`jobs`, migration 0016): enqueue in
/// the caller's tenant transaction, claim rounds across tenants, and the
/// outcome of each attempt. See docs/ARCHITECTURE.md, "Jobs".
public struct JobQueue: Sendable {
    /// The channel a commit that enqueued work notifies; the payload is the kind.
    public static let channel = "attrd_jobs"

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What an enqueue did.
    public enum Enqueued: Sendable, Equatable {
        case inserted(UUID)
        /// A job of the tenant and kind already has this unique key.
        case duplicate
    }

    /// Inserts `job` in `tx`, the transaction of the data that caused it: the
    /// job exists if and only if that transaction commits. Wakes the kind's
    /// runners at commit.
    @discardableResult
    public static func enqueue(_ job: NewJob, in tx: TenantTransaction) async throws -> Enqueued {
        let rows = try await tx.query(
            """
            INSERT INTO jobs (tenant_id, kind, payload, run_at, unique_key, max_attempts, updated_at)
            VALUES (app_current_tenant(), $1, $2::jsonb, $3, $4, $5, $3)
            ON CONFLICT (tenant_id, kind, unique_key) WHERE unique_key IS NOT NULL DO NOTHING
            RETURNING id
            """, [job.kind, job.payload, job.runAt, job.uniqueKey, job.maxAttempts])
        guard let id = rows.first("id") else { return .duplicate }
        try await tx.query("SELECT app_job_due($1, $2)", [job.kind, job.runAt])
        try await tx.notify(channel, payload: job.kind)
        return .inserted(try UUID(postgresText: id))
    }

    /// Enqueues `job` in a transaction of its own for `tenantID`.
    @discardableResult
    public func enqueue(_ job: NewJob, tenantID: UUID) async throws -> Enqueued {
        try await database.withTenant(tenantID) { try await Self.enqueue(job, in: $0) }
    }
}

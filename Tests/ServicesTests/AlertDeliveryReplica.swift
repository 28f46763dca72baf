import AttributionStore
import Foundation
@testable import Jobs
import Pixels
import Storage
import TestSupport
import Testing

/// One replica's runner of the alert delivery jobs on a test's clock, driven
/// a claim round at a time. Its rounds claim only the given tenant's jobs
/// (the queue's per-tenant claim, as the owner), so that tests running at
/// once never take each other's jobs; each claimed job then runs through the
/// runner exactly as in attrd (heartbeats, outcome, retry policy).
struct AlertDeliveryReplica {
    let database: Database
    let clock: @Sendable () -> Date
    var retry = PixelAlertOutbox.retry
    var lease = PixelAlertOutbox.lease
    var snooze: Duration = .zero
    let owner = JobRunner.defaultOwner()

    init(database: Database, clock: @escaping @Sendable () -> Date, retry: JobRetryPolicy = PixelAlertOutbox.retry, lease: Duration = PixelAlertOutbox.lease) {
        self.database = database
        self.clock = clock
        self.retry = retry
        self.lease = lease
    }

    /// What a round did, by where each claimed job ended.
    struct Report: Equatable, CustomStringConvertible {
        var sent = 0
        var retrying = 0
        var failed = 0
        /// Its lease passed to another replica before it ended.
        var lost = 0
        init(sent: Int = 0, retrying: Int = 0, failed: Int = 0, lost: Int = 0) {
            (self.sent, self.retrying, self.failed, self.lost) = (sent, retrying, failed, lost)
        }
        var isEmpty: Bool { self == Report() }
        var description: String { "sent \(sent), retrying \(retrying), failed \(failed), lost \(lost)" }
    }

    func runner(_ sender: PixelAlertSender) -> JobRunner {
        var configuration = JobRunner.Configuration()
        configuration.owner = owner
        return JobRunner(
            kind: PixelAlertOutbox(database: database).kind(sender: sender, snooze: snooze, retry: retry, lease: lease),
            queue: JobQueue(database: database), configuration: configuration, logger: AttrdHarness.quiet, now: clock,
            random: { 1 })
    }

    /// Claims the tenant's due delivery jobs without running them (a replica that stops right after).
    func claim(tenantID: UUID, limit: Int = 4) async throws -> [ClaimedJob] {
        guard let text = TestEnvironment.ownerDatabaseURL else { throw TenantData.TestDatabaseMissing() }
        let pool = PostgresPool(configuration: .init(connectionString: try ConnectionString(text), size: 1), logger: AttrdHarness.quiet)
        let rows: PostgresRows
        do {
            // SET LOCAL (the pool's settings), which Citus also sends to the workers.
            rows = try await pool.withTransaction(isolation: .readCommitted, settings: ["app.tenant_id": tenantID.uuidString.lowercased()]) { session in
                try await session.query(
                    """
                    SELECT tenant_id, id, payload, attempts, max_attempts, unique_key
                    FROM app_jobs_claim_tenant($1, $2, $3, $4, make_interval(secs => $5::float8), $6)
                    """, [PixelAlertOutbox.kind, tenantID, owner, clock(), "\(lease / .seconds(1))", limit])
            }
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        return try rows.map { row in
            ClaimedJob(
                tenantID: try row.decode("tenant_id"), id: try row.decode("id"), kind: PixelAlertOutbox.kind,
                payload: try row.decode("payload"), attempt: try row.decode("attempts"),
                maxAttempts: try row.decode("max_attempts"), uniqueKey: try row.decode("unique_key"))
        }
    }

    /// Runs claimed jobs through the runner, one after another.
    func run(_ jobs: [ClaimedJob], sender: PixelAlertSender) async throws -> Report {
        let runner = runner(sender)
        var report = Report()
        for job in jobs {
            await runner.execute(job)
            let row = try #require(try await database.withTenant(job.tenantID, readOnly: true) { tx in
                try await tx.query("SELECT state, attempts FROM jobs WHERE id = $1", [job.id]).first
            })
            let (state, attempts): (String, Int) = (try row.decode("state"), try row.decode("attempts"))
            // Snoozed (this replica lacks the alert's channel): put back, the attempt not counted.
            if state == "available" && attempts == job.attempt - 1 { continue }
            guard attempts == job.attempt else {
                report.lost += 1
                continue
            }
            switch state {
            case "succeeded": report.sent += 1
            case "retryable": report.retrying += 1
            case "discarded": report.failed += 1
            case "running": report.lost += 1
            default: break
            }
        }
        return report
    }

    /// One claim round of the tenant's due delivery jobs, each run to its end.
    func deliver(tenantID: UUID, sender: PixelAlertSender) async throws -> Report {
        try await run(try await claim(tenantID: tenantID), sender: sender)
    }
}

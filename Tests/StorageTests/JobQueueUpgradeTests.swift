import Foundation
import Storage
import TestSupport
import Testing

/// The job queue's migrations upgrade a database with work in flight:
/// 0016_job_queue turns the old `jobs` rows into queue jobs, and
/// 0020_outbox_on_job_queue turns pending alert deliveries and held retry
/// claims into jobs before it drops their own claim columns.
@Suite("Storage: job queue upgrades")
struct JobQueueUpgradeTests {
    /// MigrationUpgrade.run, with the tables these migrations lift
    /// row-level security on.
    func upgrade(
        to name: String, seed: (PostgresConnection) throws -> Void, check: (PostgresConnection) throws -> Void
    ) async throws {
        try await MigrationUpgrade.run(
            to: name, forced: ["jobs", "pixel_alert_events", "pixel_events"], seed: seed, check: check)
    }

    @Test(.enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
    func oldJobsBecomeQueueJobs() async throws {
        let (first, second) = (UUID(), UUID())
        let (queued, running, failed) = (UUID(), UUID(), UUID())
        try await upgrade(to: "job_queue") { connection in
            try MigrationUpgrade.inTenant(first, connection) {
                _ = try connection.query("INSERT INTO tenants (id, name) VALUES ($1, 'first')", [first])
                _ = try connection.query(
                    """
                    INSERT INTO jobs (id, tenant_id, kind, status, run_at) VALUES
                        ($1, $3, 'pixel_alerts', 'queued', '2026-03-01T10:05:00Z'),
                        ($2, $3, 'export', 'failed', '2026-03-01T09:00:00Z')
                    """, [queued, failed, first])
                _ = try connection.query("UPDATE jobs SET last_error = 'gone', attempts = 5 WHERE id = $1", [failed])
            }
            try MigrationUpgrade.inTenant(second, connection) {
                _ = try connection.query("INSERT INTO tenants (id, name) VALUES ($1, 'second')", [second])
                _ = try connection.query(
                    """
                    INSERT INTO jobs (id, tenant_id, kind, status, run_at, attempts, locked_by, locked_at)
                    VALUES ($1, $2, 'pixel_alerts', 'running', '2026-03-01T10:00:00Z', 1, 'replica-a', now())
                    """, [running, second])
            }
        } check: { connection in
            var jobs: [[String?]] = []
            for tenant in [first, second] {
                try MigrationUpgrade.inTenant(tenant, connection) {
                    jobs += try connection.query(
                        """
                        SELECT id::text, state, unique_key, attempts::text, last_error, lease_expires_at::text
                        FROM jobs WHERE tenant_id = $1 ORDER BY run_at
                        """, [tenant]
                    ).rows
                }
            }
            #expect(jobs == [
                // The first tenant's,
                [failed.uuidString.lowercased(), "discarded", nil, "5", "gone", nil],
                [queued.uuidString.lowercased(), "available", "2026-03-01T10:05:00Z", "0", nil, nil],
                // then the second's: a job a replica was running when the queue came, run again.
                [running.uuidString.lowercased(), "available", "2026-03-01T10:00:00Z", "1", nil, nil],
            ])
            let due = try connection.query("SELECT kind, tenant::text, to_char(due_at AT TIME ZONE 'UTC', 'HH24:MI') FROM job_due")
            #expect(Set(due.rows) == [
                ["pixel_alerts", first.uuidString.lowercased(), "10:05"], ["pixel_alerts", second.uuidString.lowercased(), "10:00"],
            ], "each tenant's pixel_alerts job is due; the discarded one is not")
        }
    }

    @Test(.enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
    func pendingDeliveriesAndHeldRetryClaimsBecomeJobs() async throws {
        let tenant = UUID()
        let (pending, sending, sent) = (UUID(), UUID(), UUID())
        let (held, lapsed) = (UUID(), UUID())
        let claim = UUID()
        try await upgrade(to: "outbox_on_job_queue") { connection in
            try MigrationUpgrade.inTenant(tenant, connection) {
                _ = try connection.query("INSERT INTO tenants (id, name) VALUES ($1, 't')", [tenant])
                _ = try connection.query(
                    """
                    INSERT INTO pixel_alert_events (id, tenant_id, platform, accuracy_percent, threshold_percent, window_end,
                        channel, targets, delivery_status, attempts, next_attempt_at, claim_id, claimed_until, delivery_error)
                    VALUES
                        ($1, $4, 'meta', 40, 80, '2026-03-01T10:00:00Z', 'email', '{ops@example.com}', 'pending', 1,
                            '2030-01-01T00:00:00Z', NULL, NULL, '451 busy'),
                        ($2, $4, 'ga4', 40, 80, '2026-03-01T10:00:00Z', 'slack', '{#a,#b}', 'sending', 2,
                            '2026-03-01T10:00:00Z', gen_random_uuid(), now() + interval '1 minute', NULL),
                        ($3, $4, 'tiktok', 40, 80, '2026-03-01T10:00:00Z', 'email', '{ops@example.com}', 'sent', 1,
                            '2026-03-01T10:00:00Z', NULL, NULL, NULL)
                    """, [pending, sending, sent, tenant])
                _ = try connection.query(
                    """
                    INSERT INTO pixel_events (id, tenant_id, platform, event_type, event_name, event_id, event_time,
                        delivery_status, delivery_attempts, retry_claim, retry_claim_expires_at)
                    VALUES
                        ($1, $3, 'meta', 'purchase', 'Purchase', 'e1', now(), 'failed', 2, $4, now() + interval '1 minute'),
                        ($2, $3, 'meta', 'purchase', 'Purchase', 'e2', now(), 'failed', 1, gen_random_uuid(),
                            now() - interval '1 minute')
                    """, [held, lapsed, tenant, claim])
            }
        } check: { connection in
            try MigrationUpgrade.inTenant(tenant, connection) {
                let deliveries = try connection.query(
                    """
                    SELECT unique_key, state, attempts::text, max_attempts::text, payload->>'alert',
                        run_at = '2030-01-01T00:00:00Z'::timestamptz
                    FROM jobs WHERE kind = 'pixel_alert_delivery' ORDER BY attempts
                    """)
                #expect(deliveries.rows == [
                    [pending.uuidString.lowercased(), "retryable", "1", "8", pending.uuidString.lowercased(), "t"],
                    // Being sent when the upgrade came: due again now, its attempt counted.
                    [sending.uuidString.lowercased(), "retryable", "2", "8", sending.uuidString.lowercased(), "f"],
                ])
                let alerts = try connection.query("SELECT id::text, delivery_status FROM pixel_alert_events ORDER BY delivery_status")
                #expect(alerts.rows.map { $0[1] } == ["pending", "pending", "sent"])
                let retries = try connection.query(
                    """
                    SELECT unique_key, state, lease_owner, lease_expires_at > now() FROM jobs WHERE kind = 'pixel_retry'
                    """)
                #expect(retries.rows == [
                    ["\(held.uuidString.lowercased())#3", "running", "RetryEvents:\(claim.uuidString.lowercased())", "t"]
                ], "the held claim became the call's job; the lapsed one is nothing")
            }
            let due = try connection.query("SELECT kind, tenant::text FROM job_due")
            #expect(due.rows == [["pixel_alert_delivery", tenant.uuidString.lowercased()]])
            let dropped = try connection.query(
                """
                SELECT column_name FROM information_schema.columns
                WHERE table_name IN ('pixel_alert_events', 'pixel_events')
                  AND column_name IN ('claim_id', 'claimed_until', 'next_attempt_at', 'retry_claim', 'retry_claim_expires_at')
                """)
            #expect(dropped.rows.isEmpty)
        }
    }
}

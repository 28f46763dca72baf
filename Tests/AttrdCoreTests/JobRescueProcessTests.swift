import AttributionStore
import Foundation
import Glibc
import Integrations
import Logging
import Storage
import TestSupport
import Testing

/// Issue 16's "a replica killed with SIGKILL in the middle of a job": two
/// real attrd processes on a database of their own (no other test's runners
/// can take the job). Replica A claims an alert delivery job and is killed
/// while Slack (a fake that never answers A's post) holds the attempt;
/// replica B rescues the job once A's lease (2 s) has expired and delivers
/// it, once.
@Suite(
    "Jobs: a killed replica's job is rescued",
    .enabled(
        if: (ScratchPostgres.isAvailable && TestEnvironment.hasDevPKI) || TestEnvironment.requiresAll,
        "needs PostgreSQL server binaries and the dev PKI")
)
struct JobRescueProcessTests {
    @Test func aJobOfAKilledReplicaIsRescuedAndCompletesOnce() async throws {
        let binary = TestEnvironment.productsDirectory.appendingPathComponent("attrd").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(binary) not built")
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        try await AlertSlackServer.with(rules: ["#ops=hang*1"]) { slack in
            let replica = Replica(binary: binary, scratch: scratch, slack: slack)
            let first = try await replica.start()  // migrates the scratch database
            let tenant = UUID()
            let alert = try await Self.recordAlert(tenant: tenant, scratch: scratch)

            // A posts and hangs; killed there, it never records an outcome.
            _ = try await slack.process.waitForLine(prefix: "POST #ops hang", timeout: .seconds(30))
            kill(first.pid, SIGKILL)
            first.stop()

            let second = try await replica.start()
            _ = try await slack.process.waitForLine(prefix: "POST #ops ok", timeout: .seconds(30))
            // SIGTERM: B drains, so the attempt's outcome is recorded before it exits.
            kill(second.pid, SIGTERM)
            _ = try await second.waitForLine(timeout: .seconds(30)) { $0.contains("attrd stopped") }
            second.stop()

            let executor = CurlExecutor(threads: 1)
            let messages = try await slack.messages(executor: executor)
            try await executor.shutdown()
            #expect(messages.map(\.channel) == ["#ops"], "delivered once")
            // As the superuser: row-level security does not hide the rows.
            let connection = try PostgresConnection(ConnectionString(scratch.superuserURL))
            let job = try connection.query(
                """
                SELECT state, attempts::text, (lease_owner IS NULL)::text FROM jobs
                WHERE tenant_id = $1 AND kind = 'pixel_alert_delivery'
                """, [tenant]).rows
            #expect(job == [["succeeded", "2", "true"]], "A's attempt counted, B's succeeded")
            let delivery = try connection.query(
                "SELECT delivery_status, attempts::text FROM pixel_alert_events WHERE tenant_id = $1 AND id = $2", [tenant, alert]).rows
            #expect(delivery == [["sent", "2"]])
        }
    }

    /// An attrd process on the scratch database that delivers Slack alerts
    /// through the fake, with a 2-second lease and quick polls.
    struct Replica {
        let binary: String
        let scratch: ScratchPostgres
        let slack: AlertSlackServer

        func start() async throws -> FixtureProcess {
            let (process, _) = try await FixtureProcess.start(
                binary,
                [
                    "--cert", DevPKI.serverCertificate, "--key", DevPKI.serverKey, "--ca", DevPKI.caCertificate,
                    "--crl", DevPKI.crl, "--listen", "127.0.0.1:0",
                    "--database-url", scratch.appURL, "--owner-database-url", scratch.ownerURL,
                    "--slack-api-url", "https://127.0.0.1:\(slack.port)/api", "--outbound-ca-file", slack.certificate,
                    "--job-lease", "2", "--job-poll-interval", "0.2", "--log-level", "info",
                ],
                environment: ["ATTRD_SLACK_BOT_TOKEN": AlertSlackServer.token],
                timeout: .seconds(60)
            ) { $0.contains("attrd ready") }
            return process
        }
    }

    /// An alert to Slack's #ops with its delivery job, due now, as the evaluator records it.
    static func recordAlert(tenant: UUID, scratch: ScratchPostgres) async throws -> UUID {
        let pool = PostgresPool(configuration: .init(connectionString: try ConnectionString(scratch.appURL), size: 1), logger: Logger(label: "test"))
        let database = Database(pool: pool)
        do {
            let id = try await database.withTenant(tenant) { tx in
                try await TenantProvisioner.insertRow(in: tx)
                let rows = try await tx.query(
                    """
                    INSERT INTO pixel_alert_events
                        (tenant_id, platform, accuracy_percent, threshold_percent, window_end, channel, targets)
                    VALUES ($1, 'meta', 42.5, 80, date_trunc('hour', now()), 'slack', ARRAY['#ops'])
                    RETURNING id
                    """, [tenant])
                let id: UUID = try rows[0].decode("id")
                try await PixelAlertOutbox.enqueue(alert: id, at: Date(), in: tx)
                return id
            }
            await pool.close()
            return id
        } catch {
            await pool.close()
            throw error
        }
    }
}

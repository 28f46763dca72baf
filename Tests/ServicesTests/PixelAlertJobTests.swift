import AttributionStore
import Foundation
import Integrations
import Jobs
import Logging
@testable import Pixels
import Storage
import TestSupport
import Testing

/// Pixel alerts as a job per tenant: seeded when settings with an alert on
/// are saved, once per tick; each run enqueues the next tick once and
/// evaluates; the alerts' own delivery jobs send them.
@Suite("Pixels: alert job", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertJobTests {
    let job = PixelAlertJob(interval: 300)

    func alertJobs(_ data: TenantData, _ tenant: TestTenant) async throws -> [String] {
        try await data.rows(tenant, "SELECT unique_key FROM jobs WHERE kind = 'pixel_alerts' ORDER BY run_at")
            .map { try $0.decode("unique_key") }
    }

    func save(_ data: TenantData, _ tenant: TestTenant, on: Bool, at now: Date) async throws {
        _ = try await AlertSettingsStore(database: data.database).update(tenantID: tenant.id) { settings in
            settings.platforms["meta"] = .init(enabled: on, thresholdPercent: 80)
            settings.channel = "email"
            settings.emailRecipients = ["ops@example.com"]
        } saved: { settings, tx in
            try await job.seed(settings, now: now, in: tx)
        }
    }

    @Test func savingSettingsWithAnAlertOnEnqueuesTheNextTickOnce() async throws {
        let tenant = try TestTenant()
        try await TenantData.with { data in
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            try await save(data, tenant, on: false, at: now)
            #expect(try await alertJobs(data, tenant).isEmpty, "no alert on: nothing to evaluate")
            try await save(data, tenant, on: true, at: now)
            try await save(data, tenant, on: true, at: now.addingTimeInterval(10))
            #expect(try await alertJobs(data, tenant) == ["2027-01-15T08:05:00Z"])
        }
    }

    @Test func aRunEnqueuesItsSuccessorOnceAndTheAlertIsDeliveredOnce() async throws {
        let tenant = try TestTenant()
        let executor = CurlExecutor(threads: 1)
        do {
            try await TenantData.with { data in
                let fixture = AlertOutboxFixture(data: data, tenant: tenant)
                let now = Date()
                try await save(data, tenant, on: true, at: now)
                let alert = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: now)
                let tick = job.tick(after: now)
                let claimed = ClaimedJob(
                    tenantID: tenant.id, id: UUID(), kind: PixelAlertJob.kind, payload: .init(text: "{}"), attempt: 1,
                    maxAttempts: 3, uniqueKey: tick.formatted(.iso8601))
                // Run late, ten minutes after its tick: the missed ticks collapse into the next one after now.
                let late = tick.addingTimeInterval(600)
                let context = JobContext(job: claimed, database: data.database, now: { late })
                let messages = try await AlertMailServer.with { mail in
                    let sender = PixelAlertSender(
                        email: .init(client: mail.client(executor: executor), from: EmailAddress("attrd@example.com")),
                        slack: nil, logger: AttrdHarness.quiet)
                    let run = {
                        try await job.run(context, evaluator: PixelAlertEvaluator(database: data.database), logger: AttrdHarness.quiet)
                        _ = try await AlertDeliveryReplica(database: data.database, clock: { late })
                            .deliver(tenantID: tenant.id, sender: sender)
                    }
                    try await run()
                    try await run()
                    return try mail.messages()
                }
                #expect(messages.count == 1)
                #expect(try await fixture.delivery(alert).status == "sent")
                #expect(try await alertJobs(data, tenant) == [tick, job.tick(after: late)].map { $0.formatted(.iso8601) })
            }
        } catch {
            try await executor.shutdown()
            throw error
        }
        try await executor.shutdown()
    }
}

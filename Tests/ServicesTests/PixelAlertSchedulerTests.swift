@testable import AttrdCore
import AttributionStore
import Foundation
import Integrations
import Logging
import Pixels
import ServiceKit
import TestSupport
import Testing

/// attrd's alert scheduler goes on with the next tenant when one fails.
@Suite("Pixels: alert scheduler", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertSchedulerTests {
    @Test func aTenantThatFailsDoesNotStopTheRound() async throws {
        // A tenant listed but gone by its turn (deleted in between): its
        // evaluation fails (the job row's tenant does not exist).
        let gone = UUID()
        let tenant = try TestTenant()
        let logs = CapturedLogs()
        let executor = CurlExecutor(threads: 1)
        do {
            try await TenantData.with { data in
                let fixture = AlertOutboxFixture(data: data, tenant: tenant)
                let id = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: Date())
                let messages = try await AlertMailServer.with { mail in
                    let scheduler = PixelAlertScheduler(
                        evaluator: PixelAlertEvaluator(database: data.database),
                        outbox: PixelAlertOutbox(database: data.database),
                        sender: PixelAlertSender(
                            email: .init(client: mail.client(executor: executor), from: EmailAddress("attrd@example.com")),
                            slack: nil, logger: AttrdHarness.quiet),
                        tick: .seconds(60), logger: logs.logger())
                    #expect(await scheduler.visit([gone, tenant.id]) == [gone])
                    return try mail.messages()
                }
                #expect(messages.count == 1, "the tenant after the failed one had its alert sent")
                #expect(try await fixture.delivery(id).status == "sent")
            }
        } catch {
            try await executor.shutdown()
            throw error
        }
        try await executor.shutdown()
        let warnings = logs.all.filter { $0.level == .warning }
        #expect(warnings.map(\.message) == ["pixel alerts of a tenant failed; next round retries"])
        #expect(warnings.first?.metadata["attrd_tenant"] == gone.uuidString)
        #expect(logs.all.contains { $0.message == "pixel alerts delivered" && $0.metadata["attrd_tenant"] == tenant.id.uuidString })
    }
}

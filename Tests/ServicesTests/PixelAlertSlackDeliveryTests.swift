import AttributionStore
import Foundation
import Integrations
import Authorization
import Ingest
import Pixels
import ServiceKit
import TestSupport
import Testing

/// Slack delivery through PixelAlertOutbox against a fake chat.postMessage
/// over HTTPS (Fixtures/alert_slack.py).
@Suite("Pixels: alert Slack delivery", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertSlackDeliveryTests {
    static func withSlack(
        rules: [String], _ body: (AlertOutboxFixture, AlertOutboxFixture.Clock, AlertSlackServer, CurlExecutor) async throws -> Void
    ) async throws {
        let tenant = try TestTenant()
        let executor = CurlExecutor(threads: 1)
        do {
            try await TenantData.with { data in
                try await AlertSlackServer.with(rules: rules) { slack in
                    try await body(AlertOutboxFixture(data: data, tenant: tenant), AlertOutboxFixture.Clock(), slack, executor)
                }
            }
        } catch {
            try await executor.shutdown()
            throw error
        }
        try await executor.shutdown()
    }

    @Test func eachChannelGetsTheAlertOnceThoughAnotherFailedFirst() async throws {
        try await Self.withSlack(rules: ["#ops-b=internal_error*1"]) { fixture, clock, slack, executor in
            let outbox = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read)
            let id = try await fixture.record(channel: "slack", targets: ["#ops-a", "#ops-b", "#ops-c"], at: clock.now)

            // A replica without a bot token leaves Slack alerts alone.
            let emailOnly = PixelAlertSender(email: nil, slack: nil, logger: AttrdHarness.quiet)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: emailOnly).isEmpty)
            #expect(try await fixture.delivery(id).attempts == 0)

            let sender = PixelAlertSender(email: nil, slack: slack.client(executor: executor), logger: AttrdHarness.quiet)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(retrying: 1))
            let first = try await fixture.delivery(id)
            #expect(first.status == "pending" && first.attempts == 1 && first.deliveredTargets == ["#ops-a"])
            #expect(first.error?.contains("#ops-b") == true && first.error?.contains("internal_error") == true, "\(first.error ?? "")")
            #expect(first.error?.contains(AlertSlackServer.token) == false)

            clock.advance(seconds: 60)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(sent: 1))
            #expect(try await slack.posts(count: 4) == ["#ops-a ok", "#ops-b internal_error", "#ops-b ok", "#ops-c ok"])
            let messages = try await slack.messages(executor: executor)
            #expect(messages.map(\.channel) == ["#ops-a", "#ops-b", "#ops-c"], "no channel got it twice")
            #expect(messages.allSatisfy { $0.text.contains("Meta pixel accuracy") && $0.text.contains("42.5%") })
            let sent = try await fixture.delivery(id)
            #expect(sent.status == "sent" && sent.attempts == 2 && sent.deliveredTargets == ["#ops-a", "#ops-b", "#ops-c"])
        }
    }

    @Test func aChannelSlackDoesNotKnowFailsTheAlertAtOnce() async throws {
        try await Self.withSlack(rules: ["#gone=channel_not_found"]) { fixture, clock, slack, executor in
            let outbox = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read)
            let id = try await fixture.record(channel: "slack", targets: ["#ops", "#gone"], at: clock.now)
            let sender = PixelAlertSender(email: nil, slack: slack.client(executor: executor), logger: AttrdHarness.quiet)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(failed: 1))
            let failed = try await fixture.delivery(id)
            #expect(failed.status == "failed" && failed.attempts == 1 && failed.deliveredTargets == ["#ops"])
            #expect(failed.error?.contains("#gone") == true && failed.error?.contains("channel_not_found") == true)

            // A refused token is permanent as well, and never recorded.
            let refused = try await fixture.record(channel: "slack", targets: ["#ops"], at: clock.now, platform: "ga4")
            let stranger = "xoxb-\(UUID().uuidString)"
            let wrong = PixelAlertSender(email: nil, slack: slack.client(executor: executor, token: stranger), logger: AttrdHarness.quiet)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: wrong) == .init(failed: 1))
            let login = try await fixture.delivery(refused)
            #expect(login.status == "failed" && login.error?.contains("invalid_auth") == true)
            #expect(login.error?.contains(stranger) == false)

            clock.advance(seconds: 86_400)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty)
            #expect(try await slack.messages(executor: executor).map(\.channel) == ["#ops"])
        }
    }
}

import AttributionStore
import Foundation
import Integrations
import Pixels
import ServiceKit
import TestSupport
import Testing

/// PixelAlertOutbox's claims between replicas: one sends each alert, and
/// the alert of a replica that stopped while sending is taken over once its
/// lease expires.
@Suite("Pixels: alert claims", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertClaimTests {
    static func withMail(_ body: (AlertOutboxFixture, AlertOutboxFixture.Clock, PixelAlertSender, AlertMailServer) async throws -> Void) async throws {
        let tenant = try TestTenant()
        let executor = CurlExecutor(threads: 2)
        do {
            try await TenantData.with { data in
                try await AlertMailServer.with { mail in
                    let sender = PixelAlertSender(
                        email: .init(client: mail.client(executor: executor), from: EmailAddress("attrd@example.com")),
                        slack: nil, logger: AttrdHarness.quiet)
                    try await body(AlertOutboxFixture(data: data, tenant: tenant), AlertOutboxFixture.Clock(), sender, mail)
                }
            }
        } catch {
            try await executor.shutdown()
            throw error
        }
        try await executor.shutdown()
    }

    @Test func anExpiredClaimIsTakenOverByAnotherReplica() async throws {
        try await Self.withMail { fixture, clock, sender, mail in
            let id = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: clock.now)
            // Replica A claims the alert, then stops before it sends (no outcome is ever recorded).
            let crashed = PixelAlertOutbox(database: fixture.data.database, clock: clock.read)
            let stale = try #require(try await crashed.claim(tenantID: fixture.tenant.id, channels: ["email"]))
            #expect(stale.alert.id == id && stale.alert.attempt == 1)
            #expect(try await fixture.delivery(id).status == "sending")

            let replica = PixelAlertOutbox(database: fixture.data.database, clock: clock.read)
            clock.advance(seconds: 299)
            #expect(try await replica.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty, "A's lease still runs")
            clock.advance(seconds: 1)
            #expect(try await replica.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(sent: 1))
            let sent = try await fixture.delivery(id)
            #expect(sent.status == "sent" && sent.attempts == 2)
            #expect(try mail.messages().count == 1)

            // A, back, can record neither progress nor an outcome under its expired claim.
            await #expect(throws: PixelAlertClaimLost.self) {
                try await crashed.recordDelivered("ops@example.com", of: stale, tenantID: fixture.tenant.id)
            }
            #expect(try await crashed.finish(stale, .permanent("late"), tenantID: fixture.tenant.id) == .lost)
            let after = try await fixture.delivery(id)
            #expect(after.status == "sent" && after.error == nil)
        }
    }

    @Test func anExpiredClaimOfTheLastAttemptFails() async throws {
        try await Self.withMail { fixture, clock, sender, mail in
            let policy = PixelAlertRetryPolicy(maxAttempts: 1, lease: .seconds(60))
            let id = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: clock.now)
            let crashed = PixelAlertOutbox(database: fixture.data.database, policy: policy, clock: clock.read)
            _ = try #require(try await crashed.claim(tenantID: fixture.tenant.id, channels: ["email"]))
            clock.advance(seconds: 60)
            let replica = PixelAlertOutbox(database: fixture.data.database, policy: policy, clock: clock.read)
            #expect(try await replica.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty)
            let failed = try await fixture.delivery(id)
            #expect(failed.status == "failed" && failed.attempts == 1)
            #expect(failed.error?.contains("did not finish before its claim expired") == true, "\(failed.error ?? "")")
            #expect(try mail.messages().isEmpty)
        }
    }

    @Test func concurrentReplicasSendEachAlertOnce() async throws {
        try await Self.withMail { fixture, clock, sender, mail in
            for platform in ["ga4", "meta", "tiktok"] {
                _ = try await fixture.record(channel: "email", targets: ["\(platform)@example.com"], at: clock.now, platform: platform)
            }
            let replicas = (0..<2).map { _ in PixelAlertOutbox(database: fixture.data.database, clock: clock.read) }
            async let first = replicas[0].deliver(tenantID: fixture.tenant.id, sender: sender)
            async let second = replicas[1].deliver(tenantID: fixture.tenant.id, sender: sender)
            let reports = try await [first, second]
            #expect(reports.map(\.sent).reduce(0, +) == 3 && reports.allSatisfy { $0.retrying + $0.failed + $0.lost == 0 }, "\(reports)")
            let recipients = try mail.messages().compactMap { ($0["rcpt_tos"] as? [String])?.first }
            #expect(recipients.sorted() == ["ga4@example.com", "meta@example.com", "tiktok@example.com"])
        }
    }
}

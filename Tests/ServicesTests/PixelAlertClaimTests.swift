import AttributionStore
import Foundation
import Jobs
import Integrations
import Authorization
import Ingest
import Pixels
import ServiceKit
import TestSupport
import Testing

/// Alert delivery jobs between replicas: one sends each alert, and the
/// alert of a replica that stopped while sending is taken over once its
/// job's lease expires (or fails, when that was its last attempt).
@Suite("Pixels: alert delivery leases", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
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

    @Test func anExpiredLeaseIsTakenOverByAnotherReplica() async throws {
        try await Self.withMail { fixture, clock, sender, mail in
            let id = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: clock.now)
            // Replica A claims the alert's job, then stops before it runs it (no outcome is ever recorded).
            let crashed = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read)
            let stale = try await crashed.claim(tenantID: fixture.tenant.id)
            #expect(stale.count == 1 && stale.first?.attempt == 1)

            let replica = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read)
            clock.advance(seconds: 299)
            #expect(try await replica.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty, "A's lease still runs")
            clock.advance(seconds: 1)
            #expect(try await replica.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(sent: 1))
            let sent = try await fixture.delivery(id)
            #expect(sent.status == "sent" && sent.attempts == 2)
            #expect(try mail.messages().count == 1)

            // A, back, runs its stale claim: nothing is sent again, nothing recorded over B's outcome.
            #expect(try await crashed.run(stale, sender: sender) == .init(lost: 1))
            let after = try await fixture.delivery(id)
            #expect(after.status == "sent" && after.attempts == 2 && after.error == nil)
            #expect(try mail.messages().count == 1)
        }
    }

    @Test func anExpiredLeaseOfTheLastAttemptFails() async throws {
        try await Self.withMail { fixture, clock, sender, mail in
            let id = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: clock.now, maxAttempts: 1)
            let crashed = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read, lease: .seconds(60))
            let stale = try await crashed.claim(tenantID: fixture.tenant.id)
            #expect(stale.count == 1)
            // A began the attempt (the alert shows it sending), then stopped.
            clock.advance(seconds: 60)
            let replica = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read, lease: .seconds(60))
            #expect(try await replica.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty)
            let failed = try await fixture.delivery(id)
            #expect(failed.status == "failed")
            #expect(failed.error?.contains("lease expired during the last attempt") == true, "\(failed.error ?? "")")
            #expect(try mail.messages().isEmpty)
        }
    }

    @Test func concurrentReplicasSendEachAlertOnce() async throws {
        try await Self.withMail { fixture, clock, sender, mail in
            for platform in ["ga4", "meta", "tiktok"] {
                _ = try await fixture.record(channel: "email", targets: ["\(platform)@example.com"], at: clock.now, platform: platform)
            }
            let replicas = (0..<2).map { _ in AlertDeliveryReplica(database: fixture.data.database, clock: clock.read) }
            async let first = replicas[0].deliver(tenantID: fixture.tenant.id, sender: sender)
            async let second = replicas[1].deliver(tenantID: fixture.tenant.id, sender: sender)
            let reports = try await [first, second]
            #expect(reports.map(\.sent).reduce(0, +) == 3 && reports.allSatisfy { $0.retrying + $0.failed + $0.lost == 0 }, "\(reports)")
            let recipients = try mail.messages().compactMap { ($0["rcpt_tos"] as? [String])?.first }
            #expect(recipients.sorted() == ["ga4@example.com", "meta@example.com", "tiktok@example.com"])
        }
    }
}

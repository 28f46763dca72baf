import AttributionStore
import Foundation
import Integrations
import Jobs
import Authorization
import Ingest
import Pixels
import ServiceKit
import TestSupport
import Testing

/// Email delivery through PixelAlertOutbox against a real aiosmtpd
/// (`AlertMailServer`): a transient refusal is retried after the
/// backoff, a permanent one fails at once, and a failure that persists
/// fails after the attempt limit.
@Suite("Pixels: alert email delivery", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertEmailDeliveryTests {
    /// A tenant, a clock, a mail server and a sender that uses it.
    static func withMail(
        _ body: (AlertOutboxFixture, AlertOutboxFixture.Clock, AlertMailServer, CurlExecutor) async throws -> Void
    ) async throws {
        let tenant = try TestTenant()
        let executor = CurlExecutor(threads: 1)
        do {
            try await TenantData.with { data in
                try await AlertMailServer.with { mail in
                    try await body(AlertOutboxFixture(data: data, tenant: tenant), AlertOutboxFixture.Clock(), mail, executor)
                }
            }
        } catch {
            try await executor.shutdown()
            throw error
        }
        try await executor.shutdown()
    }

    static func sender(_ mail: AlertMailServer, _ executor: CurlExecutor, password: String = AlertMailServer.password) -> PixelAlertSender {
        PixelAlertSender(
            email: .init(client: mail.client(executor: executor, password: password), from: EmailAddress("attrd@example.com")),
            slack: nil, logger: AttrdHarness.quiet)
    }

    @Test func aTransientRefusalIsRetriedAfterTheBackoffAndThenDelivered() async throws {
        try await Self.withMail { fixture, clock, mail, executor in
            let start = clock.now
            let address = "greylist-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            let id = try await fixture.record(channel: "email", targets: [address], at: start)
            let outbox = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read)
            let sender = Self.sender(mail, executor)

            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(retrying: 1))
            #expect(try await mail.refusals(count: 1) == ["451 \(address)"])
            let first = try await fixture.delivery(id)
            #expect(first.status == "pending" && first.attempts == 1)
            #expect(abs(first.nextAttemptAt.timeIntervalSince(start) - 60) < 0.01, "the first wait is a minute")
            #expect(first.error?.contains("451") == true, "\(first.error ?? "")")
            #expect(first.error?.contains(AlertMailServer.password) == false)

            clock.advance(seconds: 59)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty, "not due yet")
            clock.advance(seconds: 1)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(sent: 1))
            let messages = try mail.messages()
            #expect(messages.count == 1)
            #expect(messages.first?["rcpt_tos"] as? [String] == [address])
            #expect((messages.first?["subject"] as? String)?.contains("Meta at 42.5%") == true)
            let sent = try await fixture.delivery(id)
            #expect(sent.status == "sent" && sent.attempts == 2 && sent.sentAt != nil)
            #expect(sent.error == first.error, "the last error stays on record")
            clock.advance(seconds: 86_400)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty, "sent once")
        }
    }

    @Test func aPermanentRefusalFailsAtTheFirstAttempt() async throws {
        try await Self.withMail { fixture, clock, mail, executor in
            let outbox = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read)
            let unknown = try await fixture.record(channel: "email", targets: ["unknown@example.com"], at: clock.now)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: Self.sender(mail, executor)) == .init(failed: 1))
            let refused = try await fixture.delivery(unknown)
            #expect(refused.status == "failed" && refused.attempts == 1)
            #expect(refused.error?.contains("550") == true, "\(refused.error ?? "")")

            // Credentials the server refuses: permanent too, and the password is never recorded.
            let wrongPassword = "wrong-\(UUID().uuidString)"
            let refusedLogin = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: clock.now, platform: "tiktok")
            let badSender = Self.sender(mail, executor, password: wrongPassword)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: badSender) == .init(failed: 1))
            let login = try await fixture.delivery(refusedLogin)
            #expect(login.status == "failed" && login.attempts == 1)
            #expect(login.error?.isEmpty == false && login.error?.contains(wrongPassword) == false, "\(login.error ?? "")")

            clock.advance(seconds: 86_400)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: Self.sender(mail, executor)).isEmpty)
            #expect(try mail.messages().isEmpty)
        }
    }

    @Test func aPersistentTransientFailureFailsAfterTheAttemptLimit() async throws {
        try await Self.withMail { fixture, clock, mail, executor in
            let policy = JobRetryPolicy(maxAttempts: 3, base: .seconds(60), cap: .seconds(90))
            let outbox = AlertDeliveryReplica(database: fixture.data.database, clock: clock.read, retry: policy)
            let sender = Self.sender(mail, executor)
            let start = clock.now
            let id = try await fixture.record(channel: "email", targets: ["busy@example.com"], at: start, maxAttempts: 3)

            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(retrying: 1))
            #expect(abs(try await fixture.delivery(id).nextAttemptAt.timeIntervalSince(start) - 60) < 0.01)
            clock.advance(seconds: 60)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(retrying: 1))
            let second = try await fixture.delivery(id)
            #expect(second.attempts == 2)
            #expect(abs(second.nextAttemptAt.timeIntervalSince(start) - 150) < 0.01, "then 120 s, capped at 90")
            clock.advance(seconds: 90)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender) == .init(failed: 1))
            let last = try await fixture.delivery(id)
            #expect(last.status == "failed" && last.attempts == 3)
            #expect(last.error?.contains("451") == true, "\(last.error ?? "")")
            #expect(try await mail.refusals(count: 3) == Array(repeating: "451 busy@example.com", count: 3))

            clock.advance(seconds: 86_400)
            #expect(try await outbox.deliver(tenantID: fixture.tenant.id, sender: sender).isEmpty, "no fourth attempt")
        }
    }
}

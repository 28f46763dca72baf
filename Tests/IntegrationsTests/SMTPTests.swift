import Foundation
import Integrations
import Logging
import Testing
import TestSupport

/// Against aiosmtpd requiring TLS and AUTH; messages parsed by Python's email package.
@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasAiosmtpd, "aiosmtpd is not installed (scripts/deps.sh)"))
struct SMTPTests {
    static let user = "reports@attribution.test"
    static let password = "smtp-\(Crypto.randomBytes(8).hexString)"

    static func withServer<Result>(
        mode: String, _ body: (_ port: Int, _ caBundle: String, _ outbox: TemporaryDirectory) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (certificate, key) = try Fixtures.certificate(in: directory)
        let outbox = try TemporaryDirectory()
        defer { outbox.remove() }
        return try await withFixture({
            try await FakeScripts.python("smtp_fake.py", [certificate, key, outbox.url.path, mode, user, password])
        }) { _, fields in
            try await body(Int(fields[1])!, certificate, outbox)
        }
    }

    static func client(_ url: String, caBundle: String, executor: CurlExecutor, password: String = password) -> SMTPClient {
        SMTPClient(
            configuration: .init(url: url, username: user, password: password, localName: "attrd.test",
                                 transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(20), caBundlePath: caBundle,
                                                  proxy: nil)),
            executor: executor)
    }

    static func received(_ outbox: TemporaryDirectory) throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: outbox.url.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { try JSONSerialization.jsonObject(with: Data(contentsOf: outbox.url.appendingPathComponent($0))) as! [String: Any] }
    }

    @Test func mimeMailWithAttachmentsArrivesOverSTARTTLS() async throws {
        let logs = CapturedLogs()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try await Self.withServer(mode: "starttls") { port, caBundle, outbox in
            try await withExecutor { executor in
                let pdf = Data(Crypto.randomBytes(150_000))
                let csvPath = scratch.path("orders.csv")
                let csv = Data("order,value\nA-1,10.00\nA-2,32.50\n".utf8)
                try csv.write(to: URL(fileURLWithPath: csvPath))
                let message = EmailMessage(
                    from: EmailAddress("reports@attribution.test", name: "Attribution Reports"),
                    to: [EmailAddress("ana@shop.test", name: "Ana Lima"), EmailAddress("ops@shop.test")],
                    cc: [EmailAddress("cfo@shop.test", name: "Zoë Müller")], bcc: [EmailAddress("archive@attribution.test")],
                    subject: "Weekly report — 48 conversions",
                    text: "Hello,\nyour weekly report is attached.\n", html: "<p>Hello,<br>your <b>weekly report</b> is attached.</p>",
                    attachments: [
                        .init(filename: "report.pdf", contentType: "application/pdf", content: .data(pdf)),
                        .init(filename: "orders.csv", contentType: "text/csv", content: .file(path: csvPath)),
                    ])
                try await Self.client("smtp://127.0.0.1:\(port)", caBundle: caBundle, executor: executor)
                    .send(message, logger: logs.logger(label: "smtp"))

                let mails = try Self.received(outbox)
                let mail = try #require(mails.first)
                #expect(mails.count == 1)
                #expect(mail["tls"] as? Bool == true)
                #expect(mail["authenticated"] as? Bool == true)
                #expect(mail["mail_from"] as? String == "reports@attribution.test")
                #expect(mail["rcpt_tos"] as? [String] == ["ana@shop.test", "ops@shop.test", "cfo@shop.test", "archive@attribution.test"])
                #expect(mail["bcc_header"] as? Bool == false)
                #expect(mail["subject"] as? String == "Weekly report — 48 conversions")
                #expect(mail["from"] as? String == "Attribution Reports <reports@attribution.test>")
                #expect(mail["to"] as? String == "Ana Lima <ana@shop.test>, ops@shop.test")
                #expect(mail["cc"] as? String == "Zoë Müller <cfo@shop.test>")
                #expect(mail["text"] as? String == "Hello,\nyour weekly report is attached.\n")
                #expect((mail["html"] as? String)?.contains("<b>weekly report</b>") == true)
                let attachments = try #require(mail["attachments"] as? [[String: Any]])
                #expect(attachments.count == 2)
                #expect(attachments.first?["filename"] as? String == "report.pdf")
                #expect(attachments.first?["content_type"] as? String == "application/pdf")
                #expect(attachments.first?["sha256"] as? String == Crypto.sha256(pdf).hexString)
                #expect(attachments.last?["filename"] as? String == "orders.csv")
                #expect(attachments.last?["sha256"] as? String == Crypto.sha256(csv).hexString)
                OAuthTests.expectNoSecret([Self.password], in: logs)
            }
        }
    }

    @Test func implicitTLSAndRefusedCredentials() async throws {
        let logs = CapturedLogs()
        try await Self.withServer(mode: "smtps") { port, caBundle, outbox in
            try await withExecutor { executor in
                let message = EmailMessage(
                    from: EmailAddress("alerts@attribution.test"), to: [EmailAddress("oncall@shop.test")],
                    subject: "Pixel alert", text: "No events from pixel px_12 for 2 hours.")
                try await Self.client("smtps://127.0.0.1:\(port)", caBundle: caBundle, executor: executor)
                    .send(message, logger: logs.logger(label: "smtp"))
                let text = try Self.received(outbox).first?["text"] as? String
                #expect(text?.trimmingCharacters(in: .newlines) == "No events from pixel px_12 for 2 hours.")

                let wrong = "wrong-\(Crypto.randomBytes(6).hexString)"
                let error = await #expect(throws: IntegrationError.self) {
                    try await Self.client("smtps://127.0.0.1:\(port)", caBundle: caBundle, executor: executor, password: wrong)
                        .send(message, logger: logs.logger(label: "smtp"))
                }
                #expect(error?.code == .authentication)
                #expect(try Self.received(outbox).count == 1)
                OAuthTests.expectNoSecret([Self.password, wrong], in: logs)
            }
        }
    }
}

@Suite struct SMTPHeaderTests {
    @Test func lineBreaksInHeadersAreRefusedBeforeConnecting() async throws {
        try await withExecutor { executor in
            // Nothing listens there: the message must be refused before any connection.
            let client = SMTPClient(configuration: .init(url: "smtp://127.0.0.1:\(try Fixtures.freePort())"), executor: executor)
            let injected = EmailMessage(from: EmailAddress("a@attribution.test"), to: [EmailAddress("b@shop.test")],
                                        subject: "Report\r\nBcc: attacker@evil.test", text: "x")
            let error = await #expect(throws: IntegrationError.self) { try await client.send(injected, logger: Logger(label: "smtp")) }
            #expect(error?.code == .invalidRequest)
        }
    }
}

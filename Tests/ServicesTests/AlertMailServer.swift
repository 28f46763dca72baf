import Foundation
import Integrations
import TestSupport

/// IntegrationsTests' aiosmtpd fixture (smtp_fake.py: implicit TLS, AUTH),
/// writing each message it accepts as JSON into `outbox`.
struct AlertMailServer {
    static let user = "alerts"
    static let password = "mail-\(UUID().uuidString.prefix(8))"

    let port: Int
    let certificate: String
    let outbox: TemporaryDirectory

    static func with<Result>(_ body: (AlertMailServer) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try TemporaryDirectory()
        defer { outbox.remove() }
        let (certificate, key) = try SelfSignedCertificate.make(in: directory)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("IntegrationsTests/Fixtures/smtp_fake.py").path
        let (process, fields) = try await FixtureProcess.python(
            script, [certificate, key, outbox.url.path, "smtps", user, password])
        defer { process.stop() }
        return try await body(AlertMailServer(port: try FixtureProcess.port(fields), certificate: certificate, outbox: outbox))
    }

    func client(executor: CurlExecutor) -> SMTPClient {
        SMTPClient(
            configuration: .init(
                url: "smtps://127.0.0.1:\(port)", username: Self.user, password: Self.password,
                transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(20), caBundlePath: certificate)),
            executor: executor)
    }

    /// The messages received (each written before the server answered 250).
    func messages() throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: outbox.url.path).filter { $0.hasSuffix(".json") }.sorted().map {
            try JSONSerialization.jsonObject(with: Data(contentsOf: outbox.url.appendingPathComponent($0))) as? [String: Any] ?? [:]
        }
    }
}

public import Foundation
public import Integrations

/// The SMTP fake (Fakes/Scripts/smtp_fake.py)
/// in `smtps` mode: aiosmtpd with implicit TLS and AUTH, writing each
/// message it accepts as JSON into `outbox`, and refusing recipients named
/// `unknown…` (550), `busy…` (451, always) and `greylist…` (451, the first time).
public struct AlertMailServer: Sendable {
    public static let user = "alerts"
    public static let password = "mail-\(UUID().uuidString.prefix(8))"

    public let process: FixtureProcess
    public let port: Int
    public let certificate: String
    public let outbox: TemporaryDirectory

    public static func with<Result>(_ body: (AlertMailServer) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try TemporaryDirectory()
        defer { outbox.remove() }
        let (certificate, key) = try SelfSignedCertificate.make(in: directory)
        let (process, fields) = try await FakeScripts.python(
            "smtp_fake.py", [certificate, key, outbox.url.path, "smtps", user, password])
        defer { process.stop() }
        return try await body(
            AlertMailServer(process: process, port: try FixtureProcess.port(fields), certificate: certificate, outbox: outbox))
    }

    public func client(executor: CurlExecutor, password: String = Self.password) -> SMTPClient {
        SMTPClient(
            configuration: .init(
                url: "smtps://127.0.0.1:\(port)", username: Self.user, password: password,
                transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(20), caBundlePath: certificate)),
            executor: executor)
    }

    /// The messages received (each written before the server answered 250).
    public func messages() throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: outbox.url.path).filter { $0.hasSuffix(".json") }.sorted().map {
            try JSONSerialization.jsonObject(with: Data(contentsOf: outbox.url.appendingPathComponent($0))) as? [String: Any] ?? [:]
        }
    }

    /// Waits until the server has printed `count` refusals, and returns them ("451 busy@example.com").
    public func refusals(count: Int) async throws -> [String] {
        while true {
            let indexes = process.output.indices.filter { process.output[$0].hasPrefix("REFUSED ") }
            if indexes.count >= count { break }
            _ = try await process.waitForLine(prefix: "REFUSED ", after: (indexes.last ?? -1) + 1)
        }
        return process.output.filter { $0.hasPrefix("REFUSED ") }.map { String($0.dropFirst("REFUSED ".count)) }
    }
}

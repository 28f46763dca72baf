import Foundation
import Integrations
import Logging
import TestSupport

/// Fixtures/https_fake.py on a free port with a certificate made for the
/// test; `caBundle` is what clients must trust to reach it.
struct HTTPSFake {
    static let clientID = "attr-client"
    static let clientSecret = "cs-\(Crypto.randomBytes(12).hexString)"
    static let slackToken = "xoxb-\(Crypto.randomBytes(10).hexString)"

    let process: FixtureProcess
    let port: Int
    let caBundle: String
    let directory: TemporaryDirectory

    var base: String { "https://127.0.0.1:\(port)" }

    func url(_ path: String) -> String { base + path }

    /// Starts the fake, runs `body`, and stops it (and removes its certificate) even if `body` throws.
    static func with<Result>(
        webhookSecrets: [WebhookSecret] = [], environment: [String: String] = [:],
        _ body: (HTTPSFake) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (certificate, key) = try Fixtures.certificate(in: directory)
        let (process, fields) = try await Fixtures.python("https_fake.py", [certificate, key], environment: [
            "FAKE_CLIENT_ID": clientID, "FAKE_CLIENT_SECRET": clientSecret, "FAKE_SLACK_TOKEN": slackToken,
            "FAKE_WEBHOOK_SECRETS": webhookSecrets.map(\.encoded).joined(separator: " "),
        ].merging(environment) { $1 })
        defer { process.stop() }
        let fake = HTTPSFake(process: process, port: Int(fields[1])!, caBundle: certificate, directory: directory)
        return try await body(fake)
    }

    /// An HTTP client that trusts the fake's certificate.
    func client(
        executor: CurlExecutor, retry: RetryPolicy = .quick, maxResponseBytes: Int64 = 1 << 20,
        totalTimeout: Duration = .seconds(10), maxRedirects: Int = 5
    ) -> HTTPClient {
        HTTPClient(
            configuration: .init(
                transport: .init(connectTimeout: .seconds(5), totalTimeout: totalTimeout, caBundlePath: caBundle, proxy: nil),
                maxRedirects: maxRedirects, maxResponseBytes: maxResponseBytes, retry: retry),
            executor: executor)
    }

    /// Makes the next `count` requests to `path` answer `status`.
    func failNext(_ path: String, status: Int, count: Int, retryAfter: String? = nil, executor: CurlExecutor) async throws {
        var query = "path=\(FormEncoding.percentEncode(path))&status=\(status)&count=\(count)"
        if let retryAfter { query += "&retry_after=\(retryAfter)" }
        _ = try await client(executor: executor).execute(
            HTTPRequest(method: "POST", url: url("/_control/fail?\(query)")), logger: Logger(label: "control"))
    }

    /// What the fake recorded.
    func state(executor: CurlExecutor) async throws -> [String: Any] {
        let response = try await client(executor: executor).execute(
            HTTPRequest(url: url("/_control/state")), logger: Logger(label: "control"))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    func requestCount(_ path: String, executor: CurlExecutor) async throws -> Int {
        (try await state(executor: executor)["requests"] as? [String: Int])?[path] ?? 0
    }
}

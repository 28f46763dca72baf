import Foundation
public import Integrations
import Logging

/// Fakes/Scripts/https_fake.py (OAuth, Slack, webhook receiver) on a free port with a certificate made for the
/// test; `caBundle` is what clients must trust to reach it.
public struct HTTPSFake: Sendable {
    public static let clientID = "attr-client"
    public static let clientSecret = "cs-\(Crypto.randomBytes(12).hexString)"
    public static let slackToken = "xoxb-\(Crypto.randomBytes(10).hexString)"

    public let process: FixtureProcess
    public let port: Int
    public let caBundle: String
    public let directory: TemporaryDirectory

    public var base: String { "https://127.0.0.1:\(port)" }

    public func url(_ path: String) -> String { base + path }

    /// Starts the fake, runs `body`, and stops it (and removes its certificate) even if `body` throws.
    public static func with<Result>(
        webhookSecrets: [WebhookSecret] = [], environment: [String: String] = [:],
        _ body: (HTTPSFake) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (certificate, key) = try SelfSignedCertificate.make(in: directory)
        let (process, fields) = try await FakeScripts.python("https_fake.py", [certificate, key], environment: [
            "FAKE_CLIENT_ID": clientID, "FAKE_CLIENT_SECRET": clientSecret, "FAKE_SLACK_TOKEN": slackToken,
            "FAKE_WEBHOOK_SECRETS": webhookSecrets.map(\.encoded).joined(separator: " "),
        ].merging(environment) { $1 })
        defer { process.stop() }
        let fake = HTTPSFake(process: process, port: try FixtureProcess.port(fields), caBundle: certificate, directory: directory)
        return try await body(fake)
    }

    /// An HTTP client that trusts the fake's certificate.
    public func client(
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
    public func failNext(_ path: String, status: Int, count: Int, retryAfter: String? = nil, executor: CurlExecutor) async throws {
        var query = "path=\(FormEncoding.percentEncode(path))&status=\(status)&count=\(count)"
        if let retryAfter { query += "&retry_after=\(retryAfter)" }
        _ = try await client(executor: executor).execute(
            HTTPRequest(method: "POST", url: url("/_control/fail?\(query)")), logger: Logger(label: "control"))
    }

    /// What the fake recorded.
    public func state(executor: CurlExecutor) async throws -> [String: Any] {
        let response = try await client(executor: executor).execute(
            HTTPRequest(url: url("/_control/state")), logger: Logger(label: "control"))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    public func requestCount(_ path: String, executor: CurlExecutor) async throws -> Int {
        (try await state(executor: executor)["requests"] as? [String: Int])?[path] ?? 0
    }
}

extension RetryPolicy {
    /// A fast retry policy for tests: real backoff, three attempts 20–100 ms apart.
    public static var quick: RetryPolicy {
        RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100))
    }
}

import Foundation
import Integrations
import Logging
import TestSupport

/// Fixtures/alert_slack.py: Slack's chat.postMessage over HTTPS, with
/// channels that fail as `rules` say (`"#ops=internal_error*1"`: the first
/// post to #ops answers Slack's internal_error; without `*N`, every post).
struct AlertSlackServer {
    struct Message: Equatable {
        var channel: String
        var text: String
    }

    static let token = "xoxb-\(Crypto.randomBytes(10).hexString)"

    let process: FixtureProcess
    let port: Int
    let certificate: String

    static func with<Result>(rules: [String] = [], _ body: (AlertSlackServer) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (certificate, key) = try SelfSignedCertificate.make(in: directory)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/alert_slack.py").path
        let (process, fields) = try await FixtureProcess.python(script, [certificate, key, token] + rules)
        defer { process.stop() }
        return try await body(AlertSlackServer(process: process, port: try FixtureProcess.port(fields), certificate: certificate))
    }

    func http(executor: CurlExecutor) -> HTTPClient {
        HTTPClient(
            configuration: .init(
                transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(20), caBundlePath: certificate, proxy: nil),
                retry: .never),
            executor: executor)
    }

    /// A client with the fake's bot token (or another).
    func client(executor: CurlExecutor, token: String = Self.token) -> SlackClient {
        SlackClient(configuration: .init(apiBaseURL: "https://127.0.0.1:\(port)/api", botToken: token), http: http(executor: executor))
    }

    /// The messages the fake accepted, in order.
    func messages(executor: CurlExecutor) async throws -> [Message] {
        let response = try await http(executor: executor).execute(
            HTTPRequest(url: "https://127.0.0.1:\(port)/_control/messages"), logger: Logger(label: "control"))
        let list = try JSONSerialization.jsonObject(with: response.body) as? [[String: String]] ?? []
        return list.map { Message(channel: $0["channel"] ?? "", text: $0["text"] ?? "") }
    }

    /// Every post's channel and result ("#ops internal_error", "#ops ok"), once `count` were printed.
    func posts(count: Int) async throws -> [String] {
        while true {
            let indexes = process.output.indices.filter { process.output[$0].hasPrefix("POST ") }
            if indexes.count >= count { break }
            _ = try await process.waitForLine(prefix: "POST ", after: (indexes.last ?? -1) + 1)
        }
        return process.output.filter { $0.hasPrefix("POST ") }.map { String($0.dropFirst("POST ".count)) }
    }
}

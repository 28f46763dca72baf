import Foundation
public import Integrations
import Logging

/// Fakes/Scripts/alert_slack.py: Slack's chat.postMessage over HTTPS, with
/// channels that fail as `rules` say (`"#ops=internal_error*1"`: the first
/// post to #ops answers Slack's internal_error; without `*N`, every post).
public struct AlertSlackServer: Sendable {
    public struct Message: Equatable, Sendable {
        public var channel: String
        public var text: String

        public init(channel: String, text: String) {
            self.channel = channel
            self.text = text
        }
    }

    public static let token = "xoxb-\(Crypto.randomBytes(10).hexString)"

    public let process: FixtureProcess
    public let port: Int
    public let certificate: String

    public static func with<Result>(rules: [String] = [], _ body: (AlertSlackServer) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (certificate, key) = try SelfSignedCertificate.make(in: directory)
        let (process, fields) = try await FakeScripts.python("alert_slack.py", [certificate, key, token] + rules)
        defer { process.stop() }
        return try await body(AlertSlackServer(process: process, port: try FixtureProcess.port(fields), certificate: certificate))
    }

    public func http(executor: CurlExecutor) -> HTTPClient {
        HTTPClient(
            configuration: .init(
                transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(20), caBundlePath: certificate, proxy: nil),
                retry: .never),
            executor: executor)
    }

    /// A client with the fake's bot token (or another).
    public func client(executor: CurlExecutor, token: String = Self.token) -> SlackClient {
        SlackClient(configuration: .init(apiBaseURL: "https://127.0.0.1:\(port)/api", botToken: token), http: http(executor: executor))
    }

    /// The messages the fake accepted, in order.
    public func messages(executor: CurlExecutor) async throws -> [Message] {
        let response = try await http(executor: executor).execute(
            HTTPRequest(url: "https://127.0.0.1:\(port)/_control/messages"), logger: Logger(label: "control"))
        let list = try JSONSerialization.jsonObject(with: response.body) as? [[String: String]] ?? []
        return list.map { Message(channel: $0["channel"] ?? "", text: $0["text"] ?? "") }
    }

    /// Every post's channel and result ("#ops internal_error", "#ops ok"), once `count` were printed.
    public func posts(count: Int) async throws -> [String] {
        while true {
            let indexes = process.output.indices.filter { process.output[$0].hasPrefix("POST ") }
            if indexes.count >= count { break }
            _ = try await process.waitForLine(prefix: "POST ", after: (indexes.last ?? -1) + 1)
        }
        return process.output.filter { $0.hasPrefix("POST ") }.map { String($0.dropFirst("POST ".count)) }
    }
}

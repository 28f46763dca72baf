public import Foundation
public import Logging

/// Slack: incoming-webhook messages, and file uploads with a bot token
/// (files.getUploadURLExternal, the upload, files.completeUploadExternal).
public struct SlackClient: Sendable {
    public struct Configuration: Sendable {
        /// Web API base, e.g. https://slack.com/api.
        public var apiBaseURL: String
        /// xoxb-… bot token for the Web API (not needed for webhooks).
        public var botToken: String?

        public init(apiBaseURL: String = "https://slack.com/api", botToken: String? = nil) {
            self.apiBaseURL = apiBaseURL
            self.botToken = botToken
        }

        public static var defaults: Configuration { Configuration() }
    }

    public let configuration: Configuration
    let http: HTTPClient

    public init(configuration: Configuration = .defaults, http: HTTPClient) {
        self.configuration = configuration
        self.http = http
    }

    /// Posts a message to an incoming webhook. The URL is a secret: it is never logged.
    public func postWebhook(url: String, text: String, logger: Logger) async throws(IntegrationError) {
        let body: Data
        do { body = try JSONSerialization.data(withJSONObject: ["text": text]) } catch {
            throw IntegrationError(.invalidRequest, "cannot encode the Slack message")
        }
        try await postWebhook(url: url, json: body, logger: logger)
    }

    /// Posts a prepared JSON payload (blocks, attachments) to an incoming webhook.
    public func postWebhook(url: String, json: Data, logger: Logger) async throws(IntegrationError) {
        var request = HTTPRequest(
            method: "POST", url: url, headers: [("Content-Type", "application/json")], body: .bytes(json))
        request.hidesURLPath = true
        request.secrets = [url]
        _ = try await http.execute(request, logger: logger)
        logger.info("slack webhook message posted")
    }
}

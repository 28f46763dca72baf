public import Logging
import Foundation

extension SlackClient {
    /// Posts `text` to `channel` (e.g. `#pixel-alerts`) with the bot token
    /// (chat.postMessage); the bot must be a member of the channel.
    public func postMessage(channel: String, text: String, logger: Logger) async throws(IntegrationError) {
        let body: Data
        do { body = try JSONSerialization.data(withJSONObject: ["channel": channel, "text": text]) } catch {
            throw IntegrationError(.invalidRequest, "cannot encode the Slack message")
        }
        let request = HTTPRequest(
            method: "POST", url: endpoint("chat.postMessage"),
            headers: [("Content-Type", "application/json; charset=utf-8")], body: .bytes(body))
        _ = try await call("chat.postMessage", request, logger: logger)
    }
}

public import AttributionStore
public import Integrations
public import Logging
import Foundation

/// Sends recorded pixel alerts by email (SMTP) or Slack (chat.postMessage).
/// A channel whose client is not configured leaves the alert pending.
public struct PixelAlertSender: Sendable {
    public struct Email: Sendable {
        public var client: SMTPClient
        public var from: EmailAddress
        public init(client: SMTPClient, from: EmailAddress) {
            self.client = client
            self.from = from
        }
    }

    public let email: Email?
    public let slack: SlackClient?
    public let logger: Logger

    public init(email: Email?, slack: SlackClient?, logger: Logger) {
        self.email = email
        self.slack = slack
        self.logger = logger
    }

    /// nil when the alert's channel is not configured here (it stays pending).
    public func send(_ alert: PixelAlertEvent) async -> Result<Void, any Error>? {
        let text = Self.text(alert)
        switch alert.channel {
        case "email":
            guard let email else { return nil }
            let message = EmailMessage(
                from: email.from, to: alert.targets.map { EmailAddress($0) },
                subject: "Pixel accuracy alert: \(Self.name(alert.platform)) at \(Self.percent(alert))%", text: text)
            do { try await email.client.send(message, logger: logger) } catch { return .failure(error) }
            return .success(())
        case "slack":
            guard let slack, slack.configuration.botToken != nil else { return nil }
            do {
                for channel in alert.targets { try await slack.postMessage(channel: channel, text: text, logger: logger) }
            } catch {
                return .failure(error)
            }
            return .success(())
        default:
            return nil
        }
    }

    static func text(_ alert: PixelAlertEvent) -> String {
        let window = ISO8601DateFormatter().string(from: alert.windowEnd)
        return """
            \(name(alert.platform)) pixel accuracy over the 24 hours to \(window) is \(percent(alert))%, \
            below the alert threshold of \(alert.thresholdPercent)%. See `attrctl pixels stats` and `attrctl pixels failures`.
            """
    }

    /// One decimal, e.g. 50.0.
    static func percent(_ alert: PixelAlertEvent) -> String {
        String(format: "%.1f", NSDecimalNumber(decimal: alert.accuracyPercent).doubleValue)
    }

    static func name(_ platform: String) -> String {
        ["ga4": "GA4", "meta": "Meta", "tiktok": "TikTok"][platform] ?? platform
    }
}

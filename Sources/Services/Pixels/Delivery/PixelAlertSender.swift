import ServiceKit
public import AttributionStore
public import Integrations
public import Logging
import Foundation

/// Sends recorded pixel alerts by email (SMTP, one message to all
/// recipients) or Slack (chat.postMessage, one post per channel, each
/// recorded as delivered before the next). `channels` are those configured
/// here; `PixelAlertOutbox` sends only alerts of those (and snoozes the others).
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

    /// `email` with a mail server, `slack` with a bot token.
    public var channels: Set<String> {
        var channels: Set<String> = []
        if email != nil { channels.insert("email") }
        if slack?.configuration.botToken != nil { channels.insert("slack") }
        return channels
    }

    /// Sends `alert` to its remaining targets; a failure is classified
    /// (transient or permanent) and its redacted text returned, never thrown.
    public func send(_ alert: PixelAlertEvent, delivered: PixelAlertOutbox.Progress) async throws -> PixelAlertSendOutcome {
        let outcome: PixelAlertSendOutcome
        switch alert.channel {
        case "email": outcome = await sendEmail(alert)
        case "slack": outcome = try await postToSlack(alert, delivered: delivered)
        default: outcome = .permanent("unknown alert channel \(alert.channel)")
        }
        switch outcome {
        case .sent:
            logger.info("pixel alert sent", metadata: Self.metadata(alert))
        case .transient(let error), .permanent(let error):
            var metadata = Self.metadata(alert)
            metadata["pixel_alert_error"] = "\(error)"
            metadata["pixel_alert_permanent"] = "\(outcome == .permanent(error))"
            logger.warning("pixel alert not sent", metadata: metadata)
        }
        return outcome
    }

    private func sendEmail(_ alert: PixelAlertEvent) async -> PixelAlertSendOutcome {
        guard let email else { return .transient("email is not configured on this attrd") }
        let recipients = alert.remainingTargets
        guard !recipients.isEmpty else { return .sent }
        let message = EmailMessage(
            from: email.from, to: recipients.map { EmailAddress($0) },
            subject: "Pixel accuracy alert: \(Self.name(alert.platform)) at \(Self.percent(alert))%", text: Self.text(alert))
        do {
            try await email.client.send(message, logger: logger)
        } catch {
            return Self.emailOutcome(error, secrets: [email.client.configuration.password].compactMap { $0 })
        }
        return .sent
    }

    private func postToSlack(_ alert: PixelAlertEvent, delivered: PixelAlertOutbox.Progress) async throws -> PixelAlertSendOutcome {
        guard let slack, let token = slack.configuration.botToken else { return .transient("Slack is not configured on this attrd") }
        let text = Self.text(alert)
        for channel in alert.remainingTargets {
            do {
                try await slack.postMessage(channel: channel, text: text, logger: logger)
            } catch {
                return Self.slackOutcome(error, channel: channel, secrets: [token])
            }
            try await delivered(channel)
        }
        return .sent
    }

    static func metadata(_ alert: PixelAlertEvent) -> Logger.Metadata {
        ["pixel_alert": "\(alert.id)", "pixel_alert_channel": "\(alert.channel)", "pixel_alert_attempt": "\(alert.attempt)"]
    }
}

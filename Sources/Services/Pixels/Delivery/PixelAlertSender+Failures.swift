import ServiceKit
import AttributionStore
import Foundation
import Integrations

extension PixelAlertSender {
    /// Slack Web API errors that mean "try again later"; Slack's other
    /// errors (channel_not_found, not_in_channel, is_archived, invalid_auth,
    /// missing_scope...) will not go away by themselves.
    static let transientSlackErrors: Set<String> = [
        "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    ]

    /// An SMTP failure: a 5xx reply (unknown mailbox, relaying denied,
    /// rejected sender), refused credentials and a message that cannot be
    /// built are permanent; 4xx replies (greylisting, a full mailbox) and
    /// network failures are transient. libcurl names the reply code in its
    /// message ("RCPT failed: 550"); a rejection at the end of DATA comes
    /// without one and is treated as transient, within the attempt limit.
    static func emailOutcome(_ error: IntegrationError, secrets: [String]) -> PixelAlertSendOutcome {
        let text = Redaction.text("\(error)", secrets: secrets)
        if let reply = smtpReplyCode(in: error.message) {
            return reply >= 500 ? .permanent(text) : .transient(text)
        }
        switch error.code {
        case .authentication, .invalidRequest: return .permanent(text)
        default: return .transient(text)
        }
    }

    /// A Slack failure for `channel`: HTTP 429 and 5xx, Slack's transient
    /// errors and network failures are transient; other HTTP 4xx and Slack
    /// errors are permanent.
    static func slackOutcome(_ error: IntegrationError, channel: String, secrets: [String]) -> PixelAlertSendOutcome {
        let text = Redaction.text("\(channel): \(error)", secrets: secrets)
        switch error.code {
        case .httpStatus:
            let status = error.status ?? 0
            return status == 429 || status >= 500 ? .transient(text) : .permanent(text)
        case .remote, .authentication:
            let slackError = error.message.split(separator: " ").last.map(String.init) ?? ""
            return transientSlackErrors.contains(slackError) ? .transient(text) : .permanent(text)
        case .invalidRequest:
            return .permanent(text)
        default:
            return .transient(text)
        }
    }

    /// The SMTP reply code libcurl reports, e.g. 550 in "RCPT failed: 550".
    static func smtpReplyCode(in message: String) -> Int? {
        guard let range = message.range(of: #"failed: [245][0-9][0-9]\b"#, options: .regularExpression) else { return nil }
        return Int(message[range].suffix(3))
    }
}

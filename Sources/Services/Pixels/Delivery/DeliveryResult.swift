import Foundation
import Integrations

/// What one delivery attempt came to: delivered, or an error type (as
/// stored in `pixel_events.delivery_error_type`) and message.
struct DeliveryResult: Sendable, Equatable {
    var delivered: Bool
    var errorType: String?
    var message: String?

    static let ok = DeliveryResult(delivered: true)

    init(delivered: Bool, errorType: String? = nil, message: String? = nil) {
        self.delivered = delivered
        self.errorType = errorType
        self.message = message
    }

    static func failed(_ type: String, _ message: String) -> DeliveryResult {
        DeliveryResult(delivered: false, errorType: type, message: message)
    }

    /// By HTTP status (and, for TikTok, the `code` of a 200 body); the
    /// message quotes the start of the answer with `secrets` redacted.
    init(platform: String, response: HTTPResponse, secrets: [String]) {
        let excerpt = Self.excerpt(response, secrets: secrets)
        switch response.status {
        case 200..<300:
            if platform == "tiktok",
                let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                let code = object["code"] as? Int, code != 0
            {
                self = .failed(code == 40001 || code == 40002 || code == 40105 ? "authentication" : "invalid_event", "TikTok code \(code): \(excerpt)")
            } else {
                self = .ok
            }
        case 401, 403: self = .failed("authentication", "HTTP \(response.status): \(excerpt)")
        case 429: self = .failed("rate_limited", "HTTP 429: \(excerpt)")
        case 400..<500: self = .failed("invalid_event", "HTTP \(response.status): \(excerpt)")
        default: self = .failed("platform_error", "HTTP \(response.status): \(excerpt)")
        }
    }

    /// The first 300 characters of the answer, for a stored error message.
    /// Redacted before it is cut (a secret straddling the cut leaves no
    /// fragment): `secrets` and the token shapes `Redaction` knows.
    static func excerpt(_ response: HTTPResponse, secrets: [String], limit: Int = 300) -> String {
        // Room for a secret (at most 1000 characters) that starts inside the limit.
        let window = String(decoding: response.body.prefix((limit + 2000) * 4), as: UTF8.self).prefix(limit + 2000)
        let redacted = Redaction.text(String(window), secrets: secrets)
        return redacted.count > limit ? String(redacted.prefix(limit)) + "…" : redacted
    }

    /// A transport failure: the platform was not reached or did not answer.
    init(error: IntegrationError) {
        switch error.code {
        case .dns, .connect, .tls, .timeout, .connectionLost: self = .failed("network", error.description)
        default: self = .failed("platform_error", error.description)
        }
    }
}

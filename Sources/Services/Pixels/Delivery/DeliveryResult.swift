import ServiceKit
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
        let excerpt = response.excerpt(secrets: secrets)
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

    /// A transport failure: the platform was not reached or did not answer.
    init(error: IntegrationError) {
        switch error.code {
        case .dns, .connect, .tls, .timeout, .connectionLost: self = .failed("network", error.description)
        default: self = .failed("platform_error", error.description)
        }
    }
}

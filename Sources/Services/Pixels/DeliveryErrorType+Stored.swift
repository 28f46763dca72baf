import ServiceKit
import Protos

extension Attribution_V1_DeliveryErrorType {
    init(storedName: String?) {
        self = switch storedName {
        case "reported": .reported
        case "authentication": .authentication
        case "invalid_event": .invalidEvent
        case "rate_limited": .rateLimited
        case "platform_error": .platformError
        case "network": .network
        default: .unspecified
        }
    }

    /// The stored name; nil for unspecified (any), or an unknown value.
    var storedName: String? {
        switch self {
        case .reported: "reported"
        case .authentication: "authentication"
        case .invalidEvent: "invalid_event"
        case .rateLimited: "rate_limited"
        case .platformError: "platform_error"
        case .network: "network"
        default: nil
        }
    }
}

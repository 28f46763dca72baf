public import Logging

/// The services' log metadata keys, prefixed so they never collide with a
/// library's. Values are ids, counts and error descriptions: never payloads
/// or personal data.
public enum ServicesLogKey: String {
    case error = "svc_error"
    case accepted = "svc_accepted"
    case duplicates = "svc_duplicates"
    case conflicts = "svc_conflicts"
    case rejected = "svc_rejected"
    case reattributed = "svc_orders_reattributed"
}

extension Logger.Metadata {
    public init(_ pairs: KeyValuePairs<ServicesLogKey, Logger.MetadataValue>) {
        self.init(uniqueKeysWithValues: pairs.map { ($0.key.rawValue, $0.value) })
    }
}

public import Logging

/// attrd's log metadata keys, prefixed so they never collide with a library's.
public enum AttrdLogKey: String, Sendable {
    case listen = "attrd_listen"
    case database = "attrd_database"
    case databaseRole = "attrd_database_role"
    case serverVersion = "attrd_postgres_version"
    case trustDomain = "attrd_trust_domain"
    case certificate = "attrd_certificate"
    case certificateExpiry = "attrd_certificate_not_after"
    case crl = "attrd_crl"
    case modules = "attrd_modules"
    /// Where `/metrics` is served, or `off`.
    case metrics = "attrd_metrics_listen"
    case error = "attrd_error"
}

extension Logger.Metadata {
    /// Typed access: `metadata[.listen] = "127.0.0.1:7443"`.
    public subscript(_ key: AttrdLogKey) -> Logger.MetadataValue? {
        get { self[key.rawValue] }
        set { self[key.rawValue] = newValue }
    }

    public init(_ pairs: KeyValuePairs<AttrdLogKey, Logger.MetadataValue>) {
        self.init(uniqueKeysWithValues: pairs.map { ($0.key.rawValue, $0.value) })
    }
}

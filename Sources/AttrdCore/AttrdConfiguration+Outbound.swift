public import LayeredConfig

extension AttrdConfiguration {
    /// Where attrd's outbound calls go: the platforms' base URLs (real ones
    /// by default) and the CA bundle that verifies them (the system's by default).
    public struct Outbound: Sendable, Hashable {
        public var metaBaseURL = "https://graph.facebook.com/v21.0"
        public var tiktokBaseURL = "https://business-api.tiktok.com/open_api/v1.3"
        public var ga4BaseURL = "https://www.google-analytics.com"
        /// A PEM bundle trusted instead of the system's (e.g. a test's fake platform).
        public var caFile: String?

        public init() {}

        public static let defaults = Outbound()

        init(layers: ConfigLayers) throws(ConfigurationError) {
            let keys = Keys.self
            let defaults = Outbound.defaults
            metaBaseURL = try layers.value(keys.metaBaseURL, default: defaults.metaBaseURL, Self.baseURL)
            tiktokBaseURL = try layers.value(keys.tiktokBaseURL, default: defaults.tiktokBaseURL, Self.baseURL)
            ga4BaseURL = try layers.value(keys.ga4BaseURL, default: defaults.ga4BaseURL, Self.baseURL)
            caFile = try layers.optional(keys.outboundCAFile, ValueParsers.readableFile)
        }

        /// An http(s) URL without a trailing slash.
        static func baseURL(_ text: String) throws(InvalidValue) -> String {
            guard text.hasPrefix("https://") || text.hasPrefix("http://"), text.count > 8, !text.hasSuffix("/") else {
                throw InvalidValue("expected an http(s) URL without a trailing slash")
            }
            return text
        }
    }
}

extension AttrdConfiguration.Keys {
    public static let metaBaseURL = ConfigKey(flag: "meta-capi-url", environment: "ATTRD_META_CAPI_URL")
    public static let tiktokBaseURL = ConfigKey(flag: "tiktok-events-url", environment: "ATTRD_TIKTOK_EVENTS_URL")
    public static let ga4BaseURL = ConfigKey(flag: "ga4-mp-url", environment: "ATTRD_GA4_MP_URL")
    public static let outboundCAFile = ConfigKey(flag: "outbound-ca-file", environment: "ATTRD_OUTBOUND_CA_FILE")
}

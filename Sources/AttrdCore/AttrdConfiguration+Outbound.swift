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
        /// Where alert emails go out: `smtps://host:465` or `smtp://host:587` (STARTTLS required); nil: email alerts stay pending.
        public var smtpURL: String?
        /// The alert emails' From address.
        public var smtpFrom = "attrd@localhost"
        /// SMTP AUTH, from ATTRD_SMTP_USERNAME and ATTRD_SMTP_PASSWORD only (never a flag or file).
        public var smtpUsername: String?
        public var smtpPassword: String?
        /// Slack Web API base URL.
        public var slackAPIURL = "https://slack.com/api"
        /// The Slack bot token, from ATTRD_SLACK_BOT_TOKEN only; nil: Slack alerts stay pending.
        public var slackBotToken: String?
        /// OAuth 2.0 base URLs of the ad platforms (authorization page and
        /// token endpoint; Pinterest has one host for each), for
        /// `snapchatOAuth`, `pinterestOAuth` and `linkedInOAuth`.
        public var snapchatOAuthURL = "https://accounts.snapchat.com"
        public var pinterestOAuthURL = "https://www.pinterest.com"
        public var pinterestAPIURL = "https://api.pinterest.com"
        public var linkedInOAuthURL = "https://www.linkedin.com"

        public init() {}

        public static let defaults = Outbound()

        init(layers: ConfigLayers) throws(ConfigurationError) {
            let keys = Keys.self
            let defaults = Outbound.defaults
            metaBaseURL = try layers.value(keys.metaBaseURL, default: defaults.metaBaseURL, Self.baseURL)
            tiktokBaseURL = try layers.value(keys.tiktokBaseURL, default: defaults.tiktokBaseURL, Self.baseURL)
            ga4BaseURL = try layers.value(keys.ga4BaseURL, default: defaults.ga4BaseURL, Self.baseURL)
            caFile = try layers.optional(keys.outboundCAFile, ValueParsers.readableFile)
            smtpURL = try layers.optional(keys.smtpURL) { (text: String) throws(InvalidValue) in
                guard text.hasPrefix("smtp://") || text.hasPrefix("smtps://") else { throw InvalidValue("expected smtp:// or smtps://") }
                return text
            }
            smtpFrom = try layers.value(keys.smtpFrom, default: defaults.smtpFrom) { (text: String) throws(InvalidValue) in
                guard text.split(separator: "@").count == 2, !text.contains(where: \.isWhitespace) else {
                    throw InvalidValue("expected an email address")
                }
                return text
            }
            slackAPIURL = try layers.value(keys.slackAPIURL, default: defaults.slackAPIURL, Self.baseURL)
            snapchatOAuthURL = try layers.value(keys.snapchatOAuthURL, default: defaults.snapchatOAuthURL, Self.baseURL)
            pinterestOAuthURL = try layers.value(keys.pinterestOAuthURL, default: defaults.pinterestOAuthURL, Self.baseURL)
            pinterestAPIURL = try layers.value(keys.pinterestAPIURL, default: defaults.pinterestAPIURL, Self.baseURL)
            linkedInOAuthURL = try layers.value(keys.linkedInOAuthURL, default: defaults.linkedInOAuthURL, Self.baseURL)
            let environment = layers.environment
            smtpUsername = environment["ATTRD_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
            smtpPassword = environment["ATTRD_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            slackBotToken = environment["ATTRD_SLACK_BOT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
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
    public static let smtpURL = ConfigKey(flag: "smtp-url", environment: "ATTRD_SMTP_URL")
    public static let smtpFrom = ConfigKey(flag: "smtp-from", environment: "ATTRD_SMTP_FROM")
    public static let slackAPIURL = ConfigKey(flag: "slack-api-url", environment: "ATTRD_SLACK_API_URL")
    public static let snapchatOAuthURL = ConfigKey(flag: "snapchat-oauth-url", environment: "ATTRD_SNAPCHAT_OAUTH_URL")
    public static let pinterestOAuthURL = ConfigKey(flag: "pinterest-oauth-url", environment: "ATTRD_PINTEREST_OAUTH_URL")
    public static let pinterestAPIURL = ConfigKey(flag: "pinterest-api-url", environment: "ATTRD_PINTEREST_API_URL")
    public static let linkedInOAuthURL = ConfigKey(flag: "linkedin-oauth-url", environment: "ATTRD_LINKEDIN_OAUTH_URL")
}

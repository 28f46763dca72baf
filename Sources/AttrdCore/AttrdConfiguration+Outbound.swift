public import LayeredConfig

extension AttrdConfiguration {
    /// Outbound settings shared by every module: the CA bundle that verifies
    /// outbound TLS (the system's by default) and the OAuth providers' base
    /// URLs (the real ones by default).
    public struct Outbound: Sendable, Hashable {
        /// A PEM bundle trusted instead of the system's (e.g. a test's fake platform).
        public var caFile: String?
        /// OAuth 2.0 base URLs of the ad platforms (authorization page and
        /// token endpoint; Pinterest has one host for each), for
        /// `snapchatOAuth`, `pinterestOAuth` and `linkedInOAuth`.
        public var snapchatOAuthURL = AttrdSettings.snapchatOAuthURL.defaultValue!
        public var pinterestOAuthURL = AttrdSettings.pinterestOAuthURL.defaultValue!
        public var pinterestAPIURL = AttrdSettings.pinterestAPIURL.defaultValue!
        public var linkedInOAuthURL = AttrdSettings.linkedInOAuthURL.defaultValue!

        public init() {}

        public static let defaults = Outbound()

        init(layers: ConfigLayers) throws(ConfigurationError) {
            typealias S = AttrdSettings
            caFile = try S.outboundCAFile.value(in: layers)
            snapchatOAuthURL = try S.snapchatOAuthURL.value(in: layers)
            pinterestOAuthURL = try S.pinterestOAuthURL.value(in: layers)
            pinterestAPIURL = try S.pinterestAPIURL.value(in: layers)
            linkedInOAuthURL = try S.linkedInOAuthURL.value(in: layers)
        }
    }
}

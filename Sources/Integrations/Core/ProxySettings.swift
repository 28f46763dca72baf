/// An outbound proxy. `fromEnvironment` reads the standard variables
/// (`https_proxy`, `http_proxy`, `all_proxy` and their upper-case forms,
/// and `no_proxy`); libcurl is then given them explicitly, so what is used
/// does not depend on libcurl's own environment rules.
public struct ProxySettings: Sendable, Equatable {
    /// The proxy URL for https:// targets (and other TLS protocols).
    public var https: String?
    /// The proxy URL for http:// targets.
    public var http: String?
    /// Comma-separated hosts that bypass the proxy (`*` for all).
    public var noProxy: String?

    public init(https: String? = nil, http: String? = nil, noProxy: String? = nil) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
    }

    /// nil when no proxy variable is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessEnvironment.variables) -> ProxySettings? {
        func value(_ name: String) -> String? {
            for key in [name, name.uppercased()] {
                if let value = environment[key], !value.isEmpty { return value }
            }
            return nil
        }
        let all = value("all_proxy")
        let settings = ProxySettings(
            https: value("https_proxy") ?? all, http: value("http_proxy") ?? all, noProxy: value("no_proxy"))
        return settings.https == nil && settings.http == nil ? nil : settings
    }

    /// The proxy for a URL's scheme.
    func proxy(forScheme scheme: String) -> String? {
        switch scheme.lowercased() {
        case "http": return http
        default: return https
        }
    }
}

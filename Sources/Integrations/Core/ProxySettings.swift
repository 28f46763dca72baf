/// An outbound proxy. `fromEnvironment` reads the standard variables by
/// libcurl's rules: `https_proxy`, `all_proxy` and `no_proxy` in either
/// case, `http_proxy` in lower case only. `HTTP_PROXY` is ignored, as
/// libcurl ignores it ("httpoxy": a CGI-style server puts a request's
/// `Proxy:` header there). libcurl is then given them explicitly, so what
/// is used does not depend on libcurl's own environment reading.
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
        func value(_ name: String, upperCaseToo: Bool = true) -> String? {
            for key in upperCaseToo ? [name, name.uppercased()] : [name] {
                if let value = environment[key], !value.isEmpty { return value }
            }
            return nil
        }
        let all = value("all_proxy")
        let settings = ProxySettings(
            https: value("https_proxy") ?? all, http: value("http_proxy", upperCaseToo: false) ?? all,
            noProxy: value("no_proxy"))
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

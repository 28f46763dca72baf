import Integrations
import Testing

/// Which environment variables choose the proxy (libcurl's rules).
struct ProxySettingsTests {
    @Test func proxySettingsComeFromTheStandardVariables() {
        #expect(ProxySettings.fromEnvironment([:]) == nil)
        let settings = ProxySettings.fromEnvironment([
            "HTTPS_PROXY": "http://proxy.internal:3128", "http_proxy": "http://plain:8080", "NO_PROXY": "localhost,127.0.0.1",
        ])
        #expect(settings == ProxySettings(https: "http://proxy.internal:3128", http: "http://plain:8080",
                                          noProxy: "localhost,127.0.0.1"))
        #expect(ProxySettings.fromEnvironment(["all_proxy": "socks5://s:1080"])?.https == "socks5://s:1080")
        #expect(ProxySettings.fromEnvironment(["ALL_PROXY": "socks5://s:1080"])?.http == "socks5://s:1080")
    }

    /// Upper-case HTTP_PROXY is ignored, as libcurl ignores it (httpoxy: a
    /// CGI-style server sets it from a request's `Proxy:` header).
    @Test func upperCaseHTTPProxyIsIgnored() {
        #expect(ProxySettings.fromEnvironment(["HTTP_PROXY": "http://attacker:8080"]) == nil)
        let mixed = ProxySettings.fromEnvironment(["HTTP_PROXY": "http://attacker:8080", "https_proxy": "http://proxy:3128"])
        #expect(mixed == ProxySettings(https: "http://proxy:3128", http: nil))
        #expect(ProxySettings.fromEnvironment(["HTTP_PROXY": "http://attacker:8080", "http_proxy": "http://plain:8080"])?.http
            == "http://plain:8080")
        // all_proxy still covers http:// targets.
        #expect(ProxySettings.fromEnvironment(["HTTP_PROXY": "http://attacker:8080", "all_proxy": "http://all:3128"])?.http
            == "http://all:3128")
    }
}

/// Connection settings shared by every libcurl-based client.
public struct TransportSettings: Sendable {
    /// Time allowed to establish the connection (TCP + TLS/SSH handshake).
    public var connectTimeout: Duration
    /// Time allowed for the whole transfer.
    public var totalTimeout: Duration
    /// A PEM bundle of trusted CAs instead of the system's (tests, private CAs).
    /// Verification itself cannot be turned off.
    public var caBundlePath: String?
    /// The proxy, by default from the standard environment variables.
    public var proxy: ProxySettings?

    public init(
        connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(60), caBundlePath: String? = nil,
        proxy: ProxySettings? = ProxySettings.fromEnvironment()
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.caBundlePath = caBundlePath
        self.proxy = proxy
    }

    public static var defaults: TransportSettings { TransportSettings() }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

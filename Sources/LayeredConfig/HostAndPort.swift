/// A network endpoint as configured: a host name or IP address and a port.
public struct HostAndPort: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, `1.2.3.4:port` or `[v6-address]:port`. Port 0
    /// ("any free port", for listening in tests) only when `allowingPortZero`.
    public init(parsing text: String, allowingPortZero: Bool = false) throws(InvalidValue) {
        let expected = "expected HOST:PORT, e.g. 127.0.0.1:7443 or [::1]:7443"
        guard let colon = text.lastIndex(of: ":") else { throw InvalidValue(expected) }
        var host = Substring(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { throw InvalidValue(expected) }
            host = host.dropFirst().dropLast()
        } else if host.contains(":") {
            throw InvalidValue("an IPv6 address must be in brackets, e.g. [::1]:7443")
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { throw InvalidValue(expected) }
        let lowest = allowingPortZero ? 0 : 1
        guard let port = Int(portText), (lowest...65535).contains(port) else {
            throw InvalidValue("port must be a number from \(lowest) to 65535")
        }
        self.host = String(host)
        self.port = port
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

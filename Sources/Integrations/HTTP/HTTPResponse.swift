public import Foundation

/// The final response (after redirects).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body when the request's download target was `.memory`; for a
    /// `.file` target, empty on success and the file's first 4 KiB otherwise.
    public var body: Data
    /// Which attempt succeeded (1 when no retry was needed).
    public var attempts: Int

    public init(status: Int, headers: [(name: String, value: String)], body: Data, attempts: Int = 1) {
        self.status = status
        self.headers = headers
        self.body = body
        self.attempts = attempts
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The first `limit` characters of the body, for error messages:
    /// redacted (`secrets` and the token shapes `Redaction` knows) before it
    /// is cut, so a secret straddling the cut leaves no fragment. The window
    /// redacted keeps room for the longest secret (and a 2000-character
    /// token) that starts inside the limit.
    public func excerpt(limit: Int = 300, secrets: [String]) -> String {
        let room = limit + max(2000, secrets.map(\.count).max() ?? 0)
        let window = String(decoding: body.prefix(room * 4), as: UTF8.self).prefix(room)
        let redacted = Redaction.text(String(window), secrets: secrets)
        return redacted.count > limit ? String(redacted.prefix(limit)) + "…" : redacted
    }
}

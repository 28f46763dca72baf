/// A SPIFFE ID (`spiffe://<trust-domain>/<path>`), validated against the
/// SPIFFE ID standard: lowercase scheme and trust domain, no port, user info,
/// query or fragment; path segments of `[A-Za-z0-9._-]`, none empty, `.` or `..`.
public struct SPIFFEID: Hashable, Sendable, CustomStringConvertible {
    public static let maximumLength = 2048

    public let trustDomain: TrustDomain
    /// The path segments, in order (never empty).
    public let segments: [String]

    public init(parsing text: String) throws(IdentityError) {
        func malformed(_ reason: String) -> IdentityError {
            IdentityError(code: .malformedSPIFFEID, message: "'\(Self.excerpt(text))': \(reason)")
        }
        guard text.utf8.count <= Self.maximumLength else {
            throw malformed("longer than \(Self.maximumLength) bytes")
        }
        let scheme = "spiffe://"
        guard text.hasPrefix(scheme) else { throw malformed("scheme must be 'spiffe://'") }
        let rest = text.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(of: "/") else { throw malformed("has no path") }
        let domain = String(rest[..<slash])
        do {
            self.trustDomain = try TrustDomain(domain)
        } catch {
            throw malformed(error.message)
        }
        let path = rest[rest.index(after: slash)...]
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for segment in segments {
            guard !segment.isEmpty else { throw malformed("path has an empty segment") }
            guard segment != ".", segment != ".." else { throw malformed("path has a '.' or '..' segment") }
            guard segment.utf8.allSatisfy(Self.isAllowedInPath) else {
                throw malformed("path segment '\(Self.excerpt(segment))' has a character outside [A-Za-z0-9._-]")
            }
        }
        self.segments = segments
    }

    public var path: String { "/" + segments.joined(separator: "/") }

    public var description: String { "spiffe://\(trustDomain)\(path)" }

    static func isAllowedInPath(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: TrustDomain.isAllowed(byte)
        }
    }

    /// Untrusted input is quoted in errors and logs, so it is cut short first.
    static func excerpt(_ text: String) -> String {
        text.count <= 96 ? text : String(text.prefix(96)) + "…"
    }
}

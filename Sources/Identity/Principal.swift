public import Foundation

/// Who is calling: a tenant and a user or service inside it, as named by the
/// verified client certificate's SPIFFE ID
/// `spiffe://<trust-domain>/tenant/<uuid>/user/<id>` or `.../service/<name>`.
public struct Principal: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case user
        case service
    }

    public static let maximumIDLength = 128

    public let tenantID: UUID
    public let kind: Kind
    /// The user id or service name (the last path segment).
    public let id: String
    public let spiffeID: SPIFFEID

    /// Reads a principal from a SPIFFE ID, which must belong to `trustDomain`.
    public init(spiffeID: SPIFFEID, trustDomain: TrustDomain) throws(IdentityError) {
        guard spiffeID.trustDomain == trustDomain else {
            throw IdentityError(
                code: .foreignTrustDomain,
                message: "trust domain '\(spiffeID.trustDomain)' is not the trusted '\(trustDomain)'"
            )
        }
        let segments = spiffeID.segments
        func unsupported(_ reason: String) -> IdentityError {
            IdentityError(code: .unsupportedPath, message: "'\(spiffeID.path)': \(reason)")
        }
        guard segments.count == 4, segments[0] == "tenant" else {
            throw unsupported("expected /tenant/<uuid>/user/<id> or /tenant/<uuid>/service/<name>")
        }
        guard let tenantID = UUID(uuidString: segments[1]) else {
            throw unsupported("tenant '\(SPIFFEID.excerpt(segments[1]))' is not a UUID")
        }
        guard let kind = Kind(rawValue: segments[2]) else {
            throw unsupported("principal kind '\(SPIFFEID.excerpt(segments[2]))' is neither 'user' nor 'service'")
        }
        guard segments[3].utf8.count <= Self.maximumIDLength else {
            throw unsupported("principal id longer than \(Self.maximumIDLength) bytes")
        }
        self.tenantID = tenantID
        self.kind = kind
        self.id = segments[3]
        self.spiffeID = spiffeID
    }

    /// Parses the text of a URI SAN and reads the principal from it.
    public init(uri: String, trustDomain: TrustDomain) throws(IdentityError) {
        try self.init(spiffeID: SPIFFEID(parsing: uri), trustDomain: trustDomain)
    }

    public var description: String {
        "tenant \(tenantID.uuidString.lowercased()) \(kind.rawValue) \(id)"
    }
}

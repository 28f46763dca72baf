/// Why a certificate's identity was refused.
///
/// A struct with an extensible code, in the style of `RPCError`: callers switch
/// on `code`, people read `message`.
public struct IdentityError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The text is not a syntactically valid SPIFFE ID.
        public static let malformedSPIFFEID = Self("malformed SPIFFE ID")
        /// The trust domain is not the one this server trusts.
        public static let foreignTrustDomain = Self("foreign trust domain")
        /// A valid SPIFFE ID whose path is not `/tenant/<uuid>/(user|service)/<id>`.
        public static let unsupportedPath = Self("unsupported SPIFFE path")
        /// The certificate carries no URI SAN, or more than one.
        public static let missingURISAN = Self("missing URI SAN")
        /// The peer presented no certificate.
        public static let missingCertificate = Self("no client certificate")
        /// The certificate lacks the clientAuth extended key usage.
        public static let missingClientAuthUsage = Self("no clientAuth usage")
        /// A trust domain name (configuration) is not valid.
        public static let invalidTrustDomain = Self("invalid trust domain")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

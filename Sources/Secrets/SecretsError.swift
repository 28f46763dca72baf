/// A failure to load keys, seal or open a secret. Messages never hold key
/// material or plaintext.
public struct SecretsError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A master key file or variable is missing, unreadable or malformed.
        public static let invalidKey = Self("invalid master key")
        /// The envelope names a key this keyring does not hold (retired, or another deployment's).
        public static let unknownKey = Self("unknown key")
        /// The envelope is not one this version writes.
        public static let malformedEnvelope = Self("malformed envelope")
        /// Authentication failed: the ciphertext, tag, nonce or its context
        /// (tenant, table, row, column) is not what was sealed.
        public static let authenticationFailed = Self("authentication failed")
        /// OpenSSL reported an error.
        public static let cryptoFailure = Self("crypto failure")

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

import Foundation

/// A PKCE pair (RFC 7636): a 43-character verifier from 32 random bytes and its S256 challenge.
public struct PKCE: Sendable {
    public let verifier: String
    public var challenge: String { Self.challenge(for: verifier) }
    public static let method = "S256"

    public init() { verifier = Crypto.randomBytes(32).base64URLString }

    public init(verifier: String) { self.verifier = verifier }

    /// BASE64URL(SHA256(ASCII(verifier))).
    public static func challenge(for verifier: String) -> String {
        Crypto.sha256(Data(verifier.utf8)).base64URLString
    }
}

import Foundation

/// A Standard Webhooks signing secret: `whsec_` + base64 of the key bytes.
/// One per destination; printed redacted (show `encoded` once, to its owner).
public struct WebhookSecret: Sendable, CustomStringConvertible {
    public static let prefix = "whsec_"
    public let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    /// Parses `whsec_<base64>`.
    public init(_ encoded: String) throws(IntegrationError) {
        let body = encoded.hasPrefix(Self.prefix) ? String(encoded.dropFirst(Self.prefix.count)) : encoded
        guard let data = Data(base64Encoded: body), data.count >= 24, data.count <= 64 else {
            throw IntegrationError(.invalidRequest, "not a whsec_ secret of 24 to 64 bytes")
        }
        key = Array(data)
    }

    /// A fresh random secret (32 bytes).
    public static func generate() -> WebhookSecret { WebhookSecret(key: Crypto.randomBytes(32)) }

    /// The `whsec_…` form to hand to the destination's owner.
    public var encoded: String { Self.prefix + Data(key).base64EncodedString() }

    public var description: String { Self.prefix + Redaction.placeholder }
}

/// A SPIFFE trust domain name such as `attribution.local`.
///
/// Per the SPIFFE ID standard: lowercase letters, digits, `.`, `-` and `_`,
/// at most 255 characters.
public struct TrustDomain: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) throws(IdentityError) {
        guard !name.isEmpty, name.utf8.count <= 255 else {
            throw IdentityError(code: .invalidTrustDomain, message: "trust domain must be 1 to 255 characters")
        }
        guard name.utf8.allSatisfy(Self.isAllowed) else {
            throw IdentityError(
                code: .invalidTrustDomain,
                message: "trust domain '\(name)' may contain only lowercase letters, digits, '.', '-' and '_'"
            )
        }
        self.name = name
    }

    public var description: String { name }

    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}

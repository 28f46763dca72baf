/// One AES-256 key and the id envelopes name it by. Its description shows
/// the id only.
public struct MasterKey: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = 32

    public let id: String
    let bytes: [UInt8]

    /// - Parameter id: 1 to 64 characters of `A-Z a-z 0-9 . _ -`.
    public init(id: String, bytes: [UInt8]) throws(SecretsError) {
        guard Self.isValidID(id) else {
            throw SecretsError(code: .invalidKey, message: "key id '\(id.prefix(64))' must be 1 to 64 of A-Z a-z 0-9 . _ -")
        }
        guard bytes.count == Self.byteCount else {
            throw SecretsError(code: .invalidKey, message: "key \(id) must be \(Self.byteCount) bytes, not \(bytes.count)")
        }
        self.id = id
        self.bytes = bytes
    }

    /// A new random key (from OpenSSL's CSPRNG).
    public static func generate(id: String) throws(SecretsError) -> MasterKey {
        try MasterKey(id: id, bytes: try Random.bytes(byteCount))
    }

    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }

    public var description: String { "MasterKey(\(id))" }
}

extension Metadata {
    /// Whether `key` may appear on the wire: 1...255 bytes of `[a-z0-9._-]`.
    public static func isValidKey(_ key: String) -> Bool {
        let bytes = key.utf8
        guard (1...255).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
            default: false
            }
        }
    }

    /// Whether `key` carries binary values.
    public static func isBinaryKey(_ key: String) -> Bool { key.hasSuffix("-bin") }

    /// Whether `bytes` may be the value of a non-binary key: printable ASCII.
    static func isValidTextValue<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Why this metadata cannot be sent, or nil when it can.
    public var invalidReason: String? {
        for (key, value) in entries {
            guard Self.isValidKey(key) else { return "invalid metadata key '\(key.prefix(64))'" }
            guard value.bytes.count <= Int(UInt16.max) else { return "metadata value of '\(key)' is too long" }
            switch value {
            case .binary where !Self.isBinaryKey(key):
                return "binary value for '\(key)', whose name does not end in -bin"
            case .string(let text) where !Self.isBinaryKey(key) && !Self.isValidTextValue(text.utf8):
                return "value of '\(key)' is not printable ASCII"
            default:
                continue
            }
        }
        return entries.count <= Int(UInt16.max) ? nil : "too many metadata entries"
    }
}

/// Call metadata: an ordered list of key/value pairs, keys may repeat.
/// Keys ending in `-bin` carry binary values; others printable ASCII.
public struct Metadata: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case string(String)
        case binary([UInt8])

        public var bytes: [UInt8] {
            switch self {
            case .string(let text): Array(text.utf8)
            case .binary(let bytes): bytes
            }
        }

        public var description: String {
            switch self {
            case .string(let text): text
            case .binary(let bytes): "<\(bytes.count) bytes>"
            }
        }
    }

    public private(set) var entries: [(key: String, value: Value)]

    public init() { entries = [] }

    public init(dictionaryLiteral elements: (String, Value)...) {
        entries = []
        for (key, value) in elements { add(key, value) }
    }

    /// Appends a value. Keys are stored lowercased; values of `-bin` keys as binary.
    public mutating func add(_ key: String, _ value: Value) {
        let key = key.lowercased()
        let stored: Value = key.hasSuffix("-bin") ? .binary(value.bytes) : value
        entries.append((key: key, value: stored))
    }

    /// Appends exactly what was received, so that validation can see it.
    mutating func appendRaw(_ key: String, _ value: Value) {
        entries.append((key: key, value: value))
    }

    public mutating func add(_ key: String, _ value: String) {
        add(key, .string(value))
    }

    /// Every value of `key`, in order.
    public subscript(_ key: String) -> [Value] {
        let key = key.lowercased()
        return entries.filter { $0.key == key }.map(\.value)
    }

    /// The first string value of `key`.
    public func first(_ key: String) -> String? {
        for case .string(let text) in self[key] { return text }
        return nil
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The size a receiver counts against MAX_METADATA_SIZE: key + value + 32 per entry.
    public var wireSize: Int {
        entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.bytes.count + 32 }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: Value)]> {
        entries.makeIterator()
    }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

public import Foundation

/// A Swift type a column's text-format value decodes into.
///
/// Results are always requested in text format (documented in
/// docs/ARCHITECTURE.md); the session pins the formats that depend on
/// settings (DateStyle ISO, TimeZone UTC, bytea_output hex) when it connects.
public protocol PostgresDecodable: Sendable {
    init(postgresText text: String) throws(PostgresError)
    /// The value for SQL NULL; only Optionals have one.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        self = .some(try Wrapped(postgresText: text))
    }
    public static var postgresNull: Self? { .some(.none) }
}

func decodingError(_ text: String, _ type: String) -> PostgresError {
    let shown = text.count <= 40 ? text : String(text.prefix(40)) + "…"
    return PostgresError(code: .decodingFailed, message: "'\(shown)' is not a valid \(type)")
}

extension String: PostgresDecodable {
    public init(postgresText text: String) { self = text }
}

extension Int: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int(text) else { throw decodingError(text, "integer") }
        self = value
    }
}

extension Int16: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int16(text) else { throw decodingError(text, "smallint") }
        self = value
    }
}

extension Int32: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int32(text) else { throw decodingError(text, "integer") }
        self = value
    }
}

extension Int64: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int64(text) else { throw decodingError(text, "bigint") }
        self = value
    }
}

extension Bool: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        switch text {
        case "t": self = true
        case "f": self = false
        default: throw decodingError(text, "boolean")
        }
    }
}

extension UUID: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = UUID(uuidString: text) else { throw decodingError(text, "uuid") }
        self = value
    }
}

extension Decimal: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        guard text != "NaN", let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw decodingError(text, "numeric")
        }
        self = value
    }
}

extension Date: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        self = try PostgresTimestamp.parse(text)
    }
}

extension Array: PostgresDecodable where Element == String {
    public init(postgresText text: String) throws(PostgresError) {
        self = try PostgresTextArray.parse(text)
    }
}

extension Data: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresError) {
        self = Data(try PostgresHex.decodeBytea(text))
    }
}

public import Foundation

/// A value as sent to the server: apart from the SQL text, never spliced into it.
public enum PostgresParameter: Sendable, Hashable {
    case null
    /// The type's text input form (e.g. `2024-01-02 03:04:05+00`, `t`, `{a,b}`).
    case text(String)
    /// Raw bytes, sent in binary format (used for bytea).
    case binary([UInt8])
}

/// A Swift value that can be a statement parameter (`$1`, `$2`, ...).
///
/// Supported: String, Int/Int16/Int32/Int64, Bool, UUID, Date (timestamptz),
/// Decimal (numeric), [String] (text[]), [UInt8] and Data (bytea),
/// ``PostgresJSON`` (json/jsonb), ``PostgresParameter`` itself, and Optionals
/// of these (nil is SQL NULL).
public protocol PostgresEncodable: Sendable {
    var postgresParameter: PostgresParameter { get }
}

extension PostgresParameter: PostgresEncodable {
    public var postgresParameter: PostgresParameter { self }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresParameter: PostgresParameter { self?.postgresParameter ?? .null }
}

extension String: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(self) }
}

extension Int: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Int16: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Int32: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Int64: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Bool: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(self ? "t" : "f") }
}

extension UUID: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(uuidString.lowercased()) }
}

extension Decimal: PostgresEncodable {
    public var postgresParameter: PostgresParameter {
        .text(NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX")))
    }
}

extension Date: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .text(PostgresTimestamp.format(self)) }
}

extension Array: PostgresEncodable where Element == String {
    public var postgresParameter: PostgresParameter { .text(PostgresTextArray.format(self)) }
}

extension Data: PostgresEncodable {
    public var postgresParameter: PostgresParameter { .binary([UInt8](self)) }
}

/// bytea. (`[UInt8]` cannot conform directly beside `[String]`; wrap it.)
public struct PostgresBytes: PostgresEncodable, PostgresDecodable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var postgresParameter: PostgresParameter { .binary(bytes) }
    public init(postgresText text: String) throws(PostgresError) {
        bytes = try PostgresHex.decodeBytea(text)
    }
}

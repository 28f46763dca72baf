import Foundation

/// A json or jsonb value, kept as its text. Bind it to `$n::jsonb`.
public struct PostgresJSON: PostgresEncodable, PostgresDecodable, Hashable {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// Encodes `value` with JSONEncoder (keys sorted, for stable output).
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public init(postgresText text: String) {
        self.text = text
    }

    public var postgresParameter: PostgresParameter { .text(text) }

    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

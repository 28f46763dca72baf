/// One row of a result, with typed access by column name.
///
/// ```swift
/// for row in try await tx.query("SELECT id, name FROM attribution_influencers") {
///     let id = try row.decode("id", as: UUID.self)
///     let landingPage = try row.decode("landing_page", as: String?.self)
/// }
/// ```
public struct PostgresRow: Sendable {
    public let columns: [String]
    /// Text-format values; nil is SQL NULL.
    public let values: [String?]

    /// The raw text of `column`; nil for NULL.
    public subscript(_ column: String) -> String? {
        columns.firstIndex(of: column).flatMap { values[$0] }
    }

    /// `column` decoded as `type`. NULL decodes only into an Optional.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = columns.firstIndex(of: column) else {
            throw PostgresError(code: .decodingFailed, message: "no column \(column) in the result")
        }
        guard let text = values[index] else {
            guard let null = T.postgresNull else {
                throw PostgresError(code: .decodingFailed, message: "column \(column) is NULL; decode an Optional")
            }
            return null
        }
        do {
            return try T(postgresText: text)
        } catch {
            throw PostgresError(code: .decodingFailed, message: "column \(column): \(error.message)")
        }
    }
}

/// A one-dimensional array parameter of any element type, in PostgreSQL's
/// array literal syntax: cast it in the SQL (`$1::timestamptz[]`). Each
/// element is sent in its own type's text form (bytea as `\x` hex); nil and
/// NULL elements are NULL. With `unnest`, one statement can take a whole
/// batch of rows as one parameter per column.
public struct PostgresArray: PostgresEncodable {
    public var elements: [any PostgresEncodable]

    public init(_ elements: [any PostgresEncodable]) {
        self.elements = elements
    }

    public var postgresParameter: PostgresParameter {
        .text(PostgresTextArray.format(elements.map { element -> String? in
            switch element.postgresParameter {
            case .null: nil
            case .text(let text): text
            case .binary(let bytes): "\\x" + PostgresHex.encode(bytes)
            }
        }))
    }
}

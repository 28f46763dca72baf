import CLibPQ

/// The rows of a result, copied out of libpq in text format.
public struct PostgresRows: Sendable {
    public let columns: [String]
    /// Row-major values; nil is SQL NULL.
    public let rows: [[String?]]

    init(_ result: OpaquePointer) {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }

    /// The value of `column` in the first row, if there is one.
    public func first(_ column: String) -> String? {
        guard let index = columns.firstIndex(of: column), let row = rows.first else { return nil }
        return row[index]
    }
}

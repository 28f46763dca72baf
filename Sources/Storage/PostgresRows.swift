import CLibPQ

/// The rows of a result, copied out of libpq in text format.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: [String]
    /// Row-major values; nil is SQL NULL.
    public let rows: [[String?]]
    /// Rows affected by INSERT, UPDATE, DELETE, COPY...; 0 when the command reports none.
    public let affectedRows: Int

    init(_ result: OpaquePointer) {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The value of `column` in the first row, if there is one.
    public func first(_ column: String) -> String? {
        guard let index = columns.firstIndex(of: column), let row = rows.first else { return nil }
        return row[index]
    }

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(columns: columns, values: rows[position])
    }
}

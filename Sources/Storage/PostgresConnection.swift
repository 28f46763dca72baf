import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection. Its calls block, so it is used from a thread pool,
/// never from a NIO event loop, and by one caller at a time.
public final class PostgresConnection {
    private let connection: OpaquePointer

    /// Connects, waiting at most `connectTimeoutSeconds` (libpq's `connect_timeout`).
    public init(_ connectionString: ConnectionString, connectTimeoutSeconds: Int = 5) throws(PostgresError) {
        let keywords = ["dbname", "connect_timeout", "application_name"]
        let values = [connectionString.text, String(connectTimeoutSeconds), "attrd"]
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                // expand_dbname = 1: the first dbname is a full connection string whose
                // own settings win over the defaults after it.
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
            PQfinish(connection)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        self.connection = connection
    }

    deinit {
        PQfinish(connection)
    }

    /// Runs one parameterised statement (`$1`, `$2`, ...) and returns its rows
    /// in text format. Values are sent apart from the SQL, never spliced into it.
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        let result = withOptionalCStrings(parameters) { values in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result else {
            throw PostgresError(code: .connectionFailed, message: lastError)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return PostgresRows(result)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
            let broken = PQstatus(connection) != CONNECTION_OK
            throw PostgresError(code: broken ? .connectionFailed : .queryFailed, message: message, sqlState: state)
        }
    }

    private var lastError: String {
        String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStrings(strings) { pointers in body(pointers + [nil]) }
}

/// Calls `body` with C strings for `strings`, NULL where a value is nil.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}

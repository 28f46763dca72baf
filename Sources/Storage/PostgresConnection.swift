import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection. Its calls block, so it is used from a thread pool,
/// never from a NIO event loop, and by one caller at a time (the pool hands
/// it to one session at a time; that is why it may cross threads). Only
/// ``cancel()`` may be called from another thread while a call is running.
public final class PostgresConnection: @unchecked Sendable {
    let connection: OpaquePointer
    /// For PQcancel from another thread; made once, while nothing else runs.
    private let cancelHandle: OpaquePointer?
    /// The statement_timeout this session last set, in milliseconds; nil when unknown.
    var statementTimeoutMilliseconds: Int?

    /// Connects, waiting at most `connectTimeoutSeconds` (libpq's `connect_timeout`).
    public init(_ connectionString: ConnectionString, connectTimeoutSeconds: Int = 5) throws(PostgresError) {
        // Entries after the expanded dbname override the connection string's own.
        let settings: [(String, String)] = [
            ("dbname", connectionString.text),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("application_name", connectionString.options["application_name"] ?? "attrd"),
            ("client_encoding", "UTF8"),
            // TCP keepalives notice a peer that vanished without closing the socket.
            ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
        ]
        let connection = withCStrings(settings.map(\.0)) { keywordPointers in
            withCStrings(settings.map(\.1)) { valuePointers in
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
        self.cancelHandle = PQgetCancel(connection)
        // Notices (e.g. "already exists, skipping") would go to stderr; drop them.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        // Pin the settings text-format decoding depends on, and turn JIT
        // compilation off: attrd's statements are short, and a new tenant's
        // statistics (a handful of rows) can price one past JIT's threshold,
        // which then spent about a second compiling a 50 ms statement.
        _ = try query(
            """
            SELECT set_config('DateStyle', 'ISO, MDY', false), set_config('TimeZone', 'UTC', false),
                   set_config('bytea_output', 'hex', false), set_config('extra_float_digits', '3', false),
                   set_config('jit', 'off', false)
            """
        )
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        PQfinish(connection)
    }

    /// Runs one parameterised statement (`$1`, `$2`, ...) and returns its rows
    /// in text format. Values are sent apart from the SQL, never spliced into it.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> PostgresRows {
        let values = parameters.map(\.postgresParameter)
        let result = withParameterPointers(values) { pointers, lengths, formats in
            PQexecParams(connection, sql, Int32(values.count), nil, pointers, lengths, formats, 0)
        }
        return try check(result)
    }

    /// Runs `sql`, which may hold several statements and no parameters: for
    /// the migrations shipped with attrd only, never for text built from values.
    func executeScript(_ sql: String) throws(PostgresError) {
        _ = try check(PQexec(connection, sql))
    }

    /// Asks the server to cancel what this connection is running. Thread-safe;
    /// it opens a short-lived connection of its own, so call it off the event loops.
    public func cancel() {
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    /// Whether the connection is usable and outside any transaction.
    var isIdleAndOpen: Bool {
        PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) == PQTRANS_IDLE
    }

    /// Inside a transaction that an error aborted (only ROLLBACK works now).
    var transactionFailed: Bool {
        PQtransactionStatus(connection) == PQTRANS_INERROR
    }

    /// `name` quoted as an SQL identifier (for LISTEN, which takes no parameters).
    func quoteIdentifier(_ name: String) throws(PostgresError) -> String {
        guard let quoted = PQescapeIdentifier(connection, name, name.utf8.count) else {
            throw PostgresError(code: .queryFailed, message: lastError)
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    var lastError: String {
        String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
    }

    /// The rows of a finished result, or the error it carries.
    func check(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError(code: .connectionFailed, message: lastError)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return PostgresRows(result)
        default:
            throw error(from: result)
        }
    }

    func error(from result: OpaquePointer) -> PostgresError {
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let constraint = PQresultErrorField(result, Int32(UInt8(ascii: "n"))).map { String(cString: $0) }
        var message = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
        if message.isEmpty { message = lastError }
        let broken = PQstatus(connection) != CONNECTION_OK || state?.hasPrefix("08") == true
            || state == "57P01" || state == "57P02" || state == "57P03"
        return PostgresError(
            code: broken ? .connectionFailed : .queryFailed, message: message, sqlState: state, constraint: constraint)
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0)! }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}

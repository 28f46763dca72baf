/// A leased connection, as a pool's `withConnection` or `withTransaction`
/// body sees it. Every call runs on the pool's thread pool, is bounded by a
/// statement timeout (the pool's default, or `timeout:`), and is cancelled on
/// the server when the caller's task is cancelled.
public struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let runner: BlockingRunner
    let defaultTimeout: Duration

    init(connection: PostgresConnection, runner: BlockingRunner, defaultTimeout: Duration) {
        self.connection = connection
        self.runner = runner
        self.defaultTimeout = defaultTimeout
    }

    /// Runs one parameterised statement and returns its rows.
    @discardableResult
    public func query(
        _ sql: String,
        _ parameters: [any PostgresEncodable] = [],
        timeout: Duration? = nil
    ) async throws(PostgresError) -> PostgresRows {
        let timeout = timeout ?? defaultTimeout
        let milliseconds = timeout.milliseconds
        return try await runner.run(connection, timeout: timeout) { connection, deadline throws(PostgresError) in
            try connection.setStatementTimeout(milliseconds: milliseconds, deadline: deadline)
            return try connection.query(sql, parameters, deadline: deadline)
        }
    }

    /// Sends a notification to the listeners of `channel` (delivered at commit).
    public func notify(_ channel: String, payload: String = "") async throws(PostgresError) {
        try await query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// `SET LOCAL name TO 'value'`: a statement, not `set_config(name, value,
    /// true)`, because Citus (with `citus.propagate_set_commands = local`)
    /// sends SET LOCAL to every worker the transaction uses, where row-level
    /// security evaluates `app.tenant_id` on the shards; a set_config call is
    /// not propagated. SET takes no parameters, so the name must be a plain
    /// dotted identifier and the value is quoted as a literal.
    static func setLocal(_ name: String, _ value: String) throws(PostgresError) -> String {
        let identifier = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !identifier.isEmpty, identifier.allSatisfy({ part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f }
        }) else {
            throw PostgresError(code: .queryFailed, message: "setting name \(name) is not a lowercase dotted identifier")
        }
        guard !value.utf8.contains(0) else {
            throw PostgresError(code: .queryFailed, message: "the value of setting \(name) contains a NUL byte")
        }
        return "SET LOCAL \(name) TO '\(value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''"))'"
    }

    /// BEGIN (`sql`), then `settings` for this transaction only, in one visit
    /// to the thread pool, within the default timeout. When a setting fails,
    /// the transaction is rolled back.
    func begin(_ sql: String, settings: [String: String]) async throws(PostgresError) {
        try await runner.run(connection, timeout: defaultTimeout) { connection, deadline throws(PostgresError) in
            _ = try connection.query(sql, [], deadline: deadline)
            do throws(PostgresError) {
                for (name, value) in settings.sorted(by: { $0.key < $1.key }) {
                    _ = try connection.query(try Self.setLocal(name, value), [], deadline: deadline)
                }
            } catch {
                _ = try? connection.query("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs a fixed statement (BEGIN, COMMIT, ROLLBACK) with no parameters.
    func control(_ sql: String, cancellable: Bool = true) async throws(PostgresError) {
        try await runner.run(connection, cancellable: cancellable) { connection throws(PostgresError) in
            _ = try connection.query(sql)
        }
    }
}

extension PostgresConnection {
    /// Sets statement_timeout for this session when it differs from the last
    /// value set (a rolled-back transaction makes it unknown again).
    func setStatementTimeout(milliseconds: Int, deadline: StatementDeadline? = nil) throws(PostgresError) {
        guard statementTimeoutMilliseconds != milliseconds else { return }
        let sql = "SELECT set_config('statement_timeout', $1, false)"
        let value = "\(milliseconds)ms"
        if let deadline {
            _ = try query(sql, [value], deadline: deadline)
        } else {
            _ = try query(sql, [value])
        }
        statementTimeoutMilliseconds = milliseconds
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (statement_timeout 0 would mean none).
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

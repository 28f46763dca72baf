/// How a ``PostgresPool`` connects and how long callers wait.
public struct PostgresPoolConfiguration: Sendable {
    public var connectionString: ConnectionString
    /// The most connections open at once (and the threads running libpq calls).
    public var size: Int
    /// How long a caller waits for a free connection before `poolTimeout`.
    public var acquireTimeout: Duration
    /// libpq's `connect_timeout` for each new connection.
    public var connectTimeoutSeconds: Int
    /// statement_timeout of every statement that does not give its own.
    public var statementTimeout: Duration

    public init(
        connectionString: ConnectionString,
        size: Int = 10,
        acquireTimeout: Duration = .seconds(5),
        connectTimeoutSeconds: Int = 5,
        statementTimeout: Duration = .seconds(30)
    ) {
        precondition(size >= 1, "a pool holds at least one connection")
        self.connectionString = connectionString
        self.size = size
        self.acquireTimeout = acquireTimeout
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeout = statementTimeout
    }
}

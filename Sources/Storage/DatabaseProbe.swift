public import NIOPosix

/// What attrd checks about its database at start-up.
public struct DatabaseProbe: Sendable {
    /// What the server said about itself and the role attrd connects as.
    public struct Report: Sendable, Hashable {
        public var serverVersion: String
        public var database: String
        public var role: String
        /// A superuser or BYPASSRLS role would see every tenant's rows:
        /// row-level security would not protect anything.
        public var roleBypassesRowLevelSecurity: Bool
    }

    public let connectionString: ConnectionString
    public let threadPool: NIOThreadPool

    public init(connectionString: ConnectionString, threadPool: NIOThreadPool = .singleton) {
        self.connectionString = connectionString
        self.threadPool = threadPool
    }

    /// Connects, asks, and disconnects, on the thread pool (libpq blocks).
    public func run(connectTimeoutSeconds: Int = 5) async throws -> Report {
        let connectionString = self.connectionString
        return try await threadPool.runIfActive {
            let connection = try PostgresConnection(connectionString, connectTimeoutSeconds: connectTimeoutSeconds)
            let rows = try connection.query(
                """
                SELECT current_setting('server_version') AS version, current_database() AS database,
                       r.rolname AS role, (r.rolsuper OR r.rolbypassrls)::text AS bypasses
                FROM pg_roles r WHERE r.rolname = current_user
                """
            )
            return Report(
                serverVersion: rows.first("version") ?? "?",
                database: rows.first("database") ?? "?",
                role: rows.first("role") ?? "?",
                roleBypassesRowLevelSecurity: rows.first("bypasses") != "false"
            )
        }
    }
}

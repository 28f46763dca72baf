public import Logging
public import NIOPosix

/// Applies migrations, as the owner role, under a PostgreSQL advisory lock:
/// replicas starting together take turns, and each migration is applied
/// exactly once. Each runs in its own transaction with its row in
/// `schema_migrations`, so a failing one leaves the schema as it was.
public struct Migrator: Sendable {
    /// The advisory lock key every attrd uses for migrations ("attrdmig").
    public static let lockKey: Int64 = 0x6174_7472_646d_6967

    public let connectionString: ConnectionString
    public let migrations: [Migration]
    let logger: Logger
    let threadPool: NIOThreadPool

    public init(
        connectionString: ConnectionString,
        migrations: [Migration],
        logger: Logger,
        threadPool: NIOThreadPool = .singleton
    ) {
        self.connectionString = connectionString
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
        self.threadPool = threadPool
    }

    /// Applies what is pending; returns the migrations applied by this call.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        let (connectionString, migrations, logger) = (self.connectionString, self.migrations, self.logger)
        return try await threadPool.runIfActive {
            let connection = try PostgresConnection(connectionString)
            _ = try connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey])
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
            try connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                GRANT SELECT ON schema_migrations TO attr_app;
                """
            )
            let applied = try Self.appliedChecksums(connection)
            var appliedNow: [Migration] = []
            for migration in migrations {
                if let checksum = applied[migration.version] {
                    guard checksum == migration.checksum else {
                        throw PostgresError(
                            code: .migrationFailed,
                            message: "migration \(migration.identifier) differs from the one applied to this database")
                    }
                    continue
                }
                try apply(migration, on: connection)
                logger.notice("applied migration", metadata: ["postgres_migration": "\(migration.identifier)"])
                appliedNow.append(migration)
            }
            try Self.distribute(on: connection, logger: logger)
            return appliedNow
        }
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) throws(PostgresError) {
        do {
            _ = try connection.query("BEGIN ISOLATION LEVEL READ COMMITTED")
            for statement in SQLScript.statements(migration.sql) { try connection.executeScript(statement) }
            try Self.distributeInTransaction(on: connection)
            _ = try connection.query(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                [migration.version, migration.name, migration.checksum])
            _ = try connection.query("COMMIT")
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw PostgresError(
                code: .migrationFailed, message: "migration \(migration.identifier) failed: \(error.message)",
                sqlState: error.sqlState)
        }
    }

    static func appliedChecksums(_ connection: PostgresConnection) throws(PostgresError) -> [Int: String] {
        var applied: [Int: String] = [:]
        for row in try connection.query("SELECT version, checksum FROM schema_migrations") {
            applied[try row.decode("version", as: Int.self)] = try row.decode("checksum", as: String.self)
        }
        return applied
    }

    /// For an attrd started without the owner URL: the migrations this
    /// database lacks, read as the application role (which may only read
    /// `schema_migrations`). Empty when the schema is current.
    public func pending(asRole connectionString: ConnectionString) async throws -> [Migration] {
        let migrations = self.migrations
        return try await threadPool.runIfActive {
            let connection = try PostgresConnection(connectionString)
            let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
            guard exists.first("present") == "t" else { return migrations }
            let applied = try Self.appliedChecksums(connection)
            return migrations.filter { applied[$0.version] == nil }
        }
    }
}

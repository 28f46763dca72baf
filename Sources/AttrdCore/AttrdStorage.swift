public import Logging
public import Secrets
public import Storage

/// What attrd's services persist through: the pool on the application role,
/// the tenant-scoped `Database` over it (the only way to tenant data), and
/// the box that seals secrets (nil when no master key is configured).
public struct AttrdStorage: Sendable {
    public let pool: PostgresPool
    public let database: Database
    public let secrets: SecretBox?

    public init(pool: PostgresPool, secrets: SecretBox?) {
        self.pool = pool
        self.database = Database(pool: pool)
        self.secrets = secrets
    }

    /// A pool of `settings.poolSize` connections to `database`.
    public init(database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger) {
        let pool = PostgresPool(
            configuration: PostgresPoolConfiguration(connectionString: database, size: settings.poolSize), logger: logger)
        self.init(pool: pool, secrets: settings.masterKeys.map { SecretBox(keyring: $0) })
    }

    public func close() async {
        await pool.close()
    }

    /// Opens a pool for one command outside serving (`attrd keys`, `roles`,
    /// `jobs`), runs `body` over it, and closes it whether `body` succeeds or throws.
    public static func with<Result>(
        database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger,
        _ body: (AttrdStorage) async throws -> Result
    ) async throws -> Result {
        let storage = AttrdStorage(database: database, settings: settings, logger: logger)
        do {
            let result = try await body(storage)
            await storage.close()
            return result
        } catch {
            await storage.close()
            throw error
        }
    }
}

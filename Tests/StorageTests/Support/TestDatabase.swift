import Foundation
import Logging
import Storage
import Synchronization
import TestSupport
import Testing

/// The shared test database (make test's cluster), migrated once per test
/// process, and pools and tenants on it.
enum TestDatabase {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Migrations run once per process (concurrent suites share the task;
    /// other test processes are kept apart by the migrator's advisory lock).
    private static let migration = Task<Void, any Error> {
        let owner = try #require(TestEnvironment.ownerDatabaseURL, "make test sets ATTRD_OWNER_DATABASE_URL")
        try await Migrator(connectionString: ConnectionString(owner), migrations: Migration.bundled(), logger: logger).migrate()
    }

    static func migrate() async throws {
        try await migration.value
    }

    /// A pool on the application role of the migrated test database.
    static func pool(
        size: Int = 4,
        acquireTimeout: Duration = .seconds(5),
        statementTimeout: Duration = .seconds(30),
        url: String? = nil
    ) async throws -> PostgresPool {
        if url == nil { try await migrate() }
        let url = try #require(url ?? TestEnvironment.databaseURL, "make test sets ATTRD_DATABASE_URL")
        return PostgresPool(
            configuration: PostgresPoolConfiguration(
                connectionString: try ConnectionString(url), size: size, acquireTimeout: acquireTimeout,
                statementTimeout: statementTimeout),
            logger: logger)
    }

    /// Runs `body` with a fresh pool, closed afterwards.
    static func withPool<R>(
        size: Int = 4,
        acquireTimeout: Duration = .seconds(5),
        statementTimeout: Duration = .seconds(30),
        url: String? = nil,
        _ body: (PostgresPool) async throws -> R
    ) async throws -> R {
        let pool = try await pool(size: size, acquireTimeout: acquireTimeout, statementTimeout: statementTimeout, url: url)
        do {
            let result = try await body(pool)
            try await dropTenants(madeWith: pool)
            await pool.close()
            return result
        } catch {
            try? await dropTenants(madeWith: pool)
            await pool.close()
            throw error
        }
    }

    /// Tenants `makeTenant` made, by the pool they were made with.
    private static let tenants = Mutex<[ObjectIdentifier: [UUID]]>([:])

    /// Deletes the tenants made with `pool`, and (ON DELETE CASCADE) their rows,
    /// so the shared database does not grow with every run.
    private static func dropTenants(madeWith pool: PostgresPool) async throws {
        let ids = tenants.withLock { $0.removeValue(forKey: ObjectIdentifier(pool)) } ?? []
        let database = Database(pool: pool)
        for id in ids {
            try await database.withTenant(id) { try await $0.query("DELETE FROM tenants WHERE id = $1", [id]) }
        }
    }

    /// A new tenant (its row inserted in its own tenant transaction).
    static func makeTenant(_ database: Database, name: String = "test tenant") async throws -> UUID {
        let id = UUID()
        try await database.withTenant(id) { tx in
            try await tx.query("INSERT INTO tenants (id, name) VALUES ($1, $2)", [id, name])
        }
        tenants.withLock { $0[ObjectIdentifier(database.pool), default: []].append(id) }
        return id
    }
}

extension ScratchPostgres {
    /// A scratch cluster with the bundled migrations applied.
    static func migrated() async throws -> ScratchPostgres {
        let scratch = try await ScratchPostgres.start()
        do {
            try await Migrator(
                connectionString: ConnectionString(scratch.ownerURL), migrations: Migration.bundled(),
                logger: TestDatabase.logger
            ).migrate()
        } catch {
            scratch.stop()
            throw error
        }
        return scratch
    }
}

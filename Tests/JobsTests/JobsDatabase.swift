import Foundation
import Jobs
import Logging
import Storage
import Synchronization
import TestSupport
import Testing

/// The shared test database (make test's cluster), migrated once per
/// process, with a pool, a queue and fresh tenants for one test; the
/// tenants (and with them their jobs) are deleted afterwards.
struct JobsDatabase: Sendable {
    static let logger = Logger(label: "jobs-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let enabled = TestEnvironment.hasDatabase

    private static let migration = Task<Void, any Error> {
        let owner = try #require(TestEnvironment.ownerDatabaseURL, "make test sets ATTRD_OWNER_DATABASE_URL")
        try await Migrator(connectionString: ConnectionString(owner), migrations: Migration.bundled(), logger: logger).migrate()
    }

    let pool: PostgresPool
    let connectionString: ConnectionString
    private let tenants = TenantList()

    var database: Database { Database(pool: pool) }
    var queue: JobQueue { JobQueue(database: database) }

    /// Runs `body` with a fresh pool of `size` connections.
    static func with<R>(size: Int = 6, _ body: (JobsDatabase) async throws -> R) async throws -> R {
        try await migration.value
        let url = try #require(TestEnvironment.databaseURL, "make test sets ATTRD_DATABASE_URL")
        let connectionString = try ConnectionString(url)
        let pool = PostgresPool(
            configuration: PostgresPoolConfiguration(
                connectionString: connectionString, size: size, acquireTimeout: .seconds(20), statementTimeout: .seconds(30)),
            logger: logger)
        let data = JobsDatabase(pool: pool, connectionString: connectionString)
        do {
            let result = try await body(data)
            try await data.dropTenants()
            await pool.close()
            return result
        } catch {
            try? await data.dropTenants()
            await pool.close()
            throw error
        }
    }

    /// A second pool on the same database (another replica), closed by the caller.
    static func makeDetached(size: Int) async throws -> JobsDatabase {
        let connectionString = try ConnectionString(try #require(TestEnvironment.databaseURL))
        let pool = PostgresPool(
            configuration: PostgresPoolConfiguration(
                connectionString: connectionString, size: size, acquireTimeout: .seconds(20), statementTimeout: .seconds(30)),
            logger: logger)
        return JobsDatabase(pool: pool, connectionString: connectionString)
    }

    /// A new tenant.
    func makeTenant() async throws -> UUID {
        let id = UUID()
        try await database.withTenant(id) { tx in
            try await tx.query("INSERT INTO tenants (id, name) VALUES ($1, 'jobs test')", [id])
        }
        tenants.append(id)
        return id
    }

    private func dropTenants() async throws {
        for id in tenants.all {
            try await database.withTenant(id) { try await $0.query("DELETE FROM tenants WHERE id = $1", [id]) }
        }
    }

    /// A job's row, read in its tenant's transaction.
    func row(_ id: UUID, tenant: UUID) async throws -> JobRow {
        try await database.withTenant(tenant) { tx in
            let rows = try await tx.query(
                "SELECT state, attempts, last_error, run_at, lease_owner FROM jobs WHERE id = $1", [id])
            let row = try #require(rows.first)
            return JobRow(
                state: try #require(JobState(rawValue: try row.decode("state"))), attempts: try row.decode("attempts"),
                lastError: try row.decode("last_error"), runAt: try row.decode("run_at"), leaseOwner: try row.decode("lease_owner"))
        }
    }

    /// The tenant's jobs of `kind`, by state.
    func states(kind: String, tenant: UUID) async throws -> [JobState: Int] {
        try await database.withTenant(tenant) { tx in
            var counts: [JobState: Int] = [:]
            for row in try await tx.query("SELECT state, count(*) AS n FROM jobs WHERE kind = $1 GROUP BY state", [kind]) {
                counts[try #require(JobState(rawValue: try row.decode("state")))] = try row.decode("n")
            }
            return counts
        }
    }
}

/// The tenants a test made.
final class TenantList: Sendable {
    private let ids = Mutex<[UUID]>([])
    func append(_ id: UUID) { ids.withLock { $0.append(id) } }
    var all: [UUID] { ids.withLock { $0 } }
}

struct JobRow: Sendable, Equatable {
    var state: JobState
    var attempts: Int
    var lastError: String?
    var runAt: Date
    var leaseOwner: String?
}

/// A wall clock that moves only when the test says so.
final class ManualDate: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

extension Date {
    /// Whole microseconds, as PostgreSQL keeps timestamps.
    var microseconds: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded()) }
}

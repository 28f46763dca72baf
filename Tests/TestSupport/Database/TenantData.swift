public import Foundation
import Logging
public import Storage

/// Reads a test tenant's rows straight from PostgreSQL (as the application
/// role, inside the tenant's transaction), to check what ingest stored.
public struct TenantData: Sendable {
    public let database: Database

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The migration, once per test process.
    public static let migrated = Task<Void, any Error> {
        guard let url = TestEnvironment.ownerDatabaseURL else { throw TestDatabaseMissing() }
        try await Migrator(connectionString: ConnectionString(url), migrations: Migration.bundled(), logger: quiet)
            .migrate()
    }

    /// The test database is not configured (run under `make test`).
    public struct TestDatabaseMissing: Error { public init() {} }

    /// Runs `body` with the test database, its schema migrated (as attrd
    /// does at start; idempotent), so a test may write before any attrd ran.
    public static func with<Result: Sendable>(_ body: (TenantData) async throws -> Result) async throws -> Result {
        try await migrated.value
        guard let text = TestEnvironment.databaseURL else { throw TestDatabaseMissing() }
        let url = try ConnectionString(text)
        let pool = PostgresPool(configuration: .init(connectionString: url, size: 2), logger: quiet)
        do {
            let result = try await body(TenantData(database: Database(pool: pool)))
            await pool.close()
            return result
        } catch {
            await pool.close()
            throw error
        }
    }

    public func rows(_ tenant: TestTenant, _ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> PostgresRows {
        try await database.withTenant(tenant.id, readOnly: true) { tx in try await tx.query(sql, parameters) }
    }

    /// Changes the tenant's rows (as the application role, under RLS).
    public func execute(_ tenant: TestTenant, _ sql: String, _ parameters: [any PostgresEncodable] = []) async throws {
        try await database.withTenant(tenant.id) { tx in try await tx.query(sql, parameters) }
    }

    /// Runs `sql` as the schema owner (DDL such as a test's trigger).
    public static func asOwner(_ sql: String) async throws {
        try await migrated.value
        guard let text = TestEnvironment.ownerDatabaseURL else { throw TestDatabaseMissing() }
        let url = try ConnectionString(text)
        let pool = PostgresPool(configuration: .init(connectionString: url, size: 1), logger: quiet)
        do {
            try await pool.withConnection { try await $0.query(sql) }
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }
}

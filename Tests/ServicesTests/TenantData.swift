import Foundation
import Logging
import Storage
import TestSupport
import Testing

/// Reads a test tenant's rows straight from PostgreSQL (as the application
/// role, inside the tenant's transaction), to check what ingest stored.
struct TenantData {
    let database: Database

    /// The migration, once per test process.
    static let migrated = Task<Void, any Error> {
        guard let url = TestEnvironment.ownerDatabaseURL else { throw TestDatabaseMissing() }
        try await Migrator(connectionString: ConnectionString(url), migrations: Migration.bundled(), logger: AttrdHarness.quiet)
            .migrate()
    }

    struct TestDatabaseMissing: Error {}

    /// Runs `body` with the test database, its schema migrated (as attrd
    /// does at start; idempotent), so a test may write before any attrd ran.
    static func with<Result: Sendable>(_ body: (TenantData) async throws -> Result) async throws -> Result {
        try await migrated.value
        let url = try ConnectionString(try #require(TestEnvironment.databaseURL))
        let pool = PostgresPool(configuration: .init(connectionString: url, size: 2), logger: AttrdHarness.quiet)
        do {
            let result = try await body(TenantData(database: Database(pool: pool)))
            await pool.close()
            return result
        } catch {
            await pool.close()
            throw error
        }
    }

    func rows(_ tenant: TestTenant, _ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> PostgresRows {
        try await database.withTenant(tenant.id, readOnly: true) { tx in try await tx.query(sql, parameters) }
    }

    /// Changes the tenant's rows (as the application role, under RLS).
    func execute(_ tenant: TestTenant, _ sql: String, _ parameters: [any PostgresEncodable] = []) async throws {
        try await database.withTenant(tenant.id) { tx in try await tx.query(sql, parameters) }
    }

    /// Runs `sql` as the schema owner (DDL such as a test's trigger).
    static func asOwner(_ sql: String) async throws {
        try await migrated.value
        let url = try ConnectionString(try #require(TestEnvironment.ownerDatabaseURL))
        let pool = PostgresPool(configuration: .init(connectionString: url, size: 1), logger: AttrdHarness.quiet)
        do {
            try await pool.withConnection { try await $0.query(sql) }
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }
}

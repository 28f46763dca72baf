import Foundation
import Storage
import TestSupport
import Testing

/// The test database for ServiceKit's storage helpers: a pool of the
/// application role and a fresh tenant, deleted (with its rows) afterwards.
enum KitDatabase {
    static func withTenant<Result>(poolSize: Int = 2, _ body: (Database, UUID) async throws -> Result) async throws -> Result {
        try await TenantData.migrated.value
        let url = try ConnectionString(try #require(TestEnvironment.databaseURL))
        let pool = PostgresPool(configuration: .init(connectionString: url, size: poolSize), logger: AttrdHarness.quiet)
        let database = Database(pool: pool)
        let tenant = UUID()
        do {
            try await database.withTenant(tenant) { try await $0.query("INSERT INTO tenants (id, name) VALUES ($1, 'kit test')", [tenant]) }
            let result = try await body(database, tenant)
            try await database.withTenant(tenant) { try await $0.query("DELETE FROM tenants WHERE id = $1", [tenant]) }
            await pool.close()
            return result
        } catch {
            _ = try? await database.withTenant(tenant) { try await $0.query("DELETE FROM tenants WHERE id = $1", [tenant]) }
            await pool.close()
            throw error
        }
    }
}

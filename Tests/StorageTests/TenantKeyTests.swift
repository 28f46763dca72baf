import Foundation
import Storage
import TestSupport
import Testing

/// The tenant-keyed schema (docs/SCALING.md): read from PostgreSQL's catalog,
/// every table with a tenant_id has a primary key starting with it, no unique
/// index without it, composite foreign keys to other tenant tables, and
/// row-level security enabled and forced.
@Suite("Tenant-keyed schema", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct TenantKeyTests {
    /// One line per rule a tenant table breaks; empty when the schema keeps them all.
    static let violationsQuery = """
        WITH tenant_tables AS (
            SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
             WHERE c.relkind IN ('r', 'p')
        ), tenant_column AS (
            SELECT t.oid, a.attnum FROM tenant_tables t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = 'tenant_id'
        )
        SELECT t.relname || ': the primary key does not start with tenant_id' AS violation
          FROM tenant_tables t
         WHERE NOT EXISTS (
                SELECT 1 FROM pg_constraint k JOIN tenant_column tc ON tc.oid = k.conrelid
                 WHERE k.conrelid = t.oid AND k.contype = 'p' AND k.conkey[1] = tc.attnum)
        UNION ALL
        SELECT t.relname || ': unique index ' || i.indexrelid::regclass::text || ' lacks tenant_id'
          FROM tenant_tables t
          JOIN pg_index i ON i.indrelid = t.oid AND i.indisunique
          JOIN tenant_column tc ON tc.oid = t.oid
         WHERE NOT (tc.attnum = ANY (i.indkey::int2[]))
        UNION ALL
        SELECT t.relname || ': foreign key ' || k.conname || ' to ' || k.confrelid::regclass::text || ' is not composite on tenant_id'
          FROM tenant_tables t
          JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
         WHERE k.confrelid <> 'tenants'::regclass
           AND NOT EXISTS (
                SELECT 1 FROM unnest(k.conkey, k.confkey) AS pair(local, remote)
                  JOIN pg_attribute l ON l.attrelid = k.conrelid AND l.attnum = pair.local
                  JOIN pg_attribute r ON r.attrelid = k.confrelid AND r.attnum = pair.remote
                 WHERE l.attname = 'tenant_id' AND r.attname = 'tenant_id')
        UNION ALL
        SELECT t.relname || ': row-level security is not enabled and forced'
          FROM tenant_tables t
         WHERE NOT (t.relrowsecurity AND t.relforcerowsecurity)
        ORDER BY 1
        """

    static func violations(_ connection: PostgresConnection) throws -> [String] {
        try connection.query(violationsQuery).compactMap { $0["violation"] }
    }

    static func ownerConnection() async throws -> PostgresConnection {
        try await TestDatabase.migrate()
        let owner = try #require(TestEnvironment.ownerDatabaseURL, "make test sets ATTRD_OWNER_DATABASE_URL")
        return try PostgresConnection(ConnectionString(owner))
    }

    @Test func everyTenantTableIsKeyedByTenant() async throws {
        let connection = try await Self.ownerConnection()
        #expect(try Self.violations(connection) == [])
        let tables = try connection.query(
            "SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'")
        #expect(Int(tables.first("n") ?? "") ?? 0 >= 20, "the check saw the tenant tables")
    }

    /// The check itself: a table that breaks each rule is reported (made and
    /// rolled back in one transaction, so the shared schema never sees it).
    @Test func theCatalogCheckReportsEachBrokenRule() async throws {
        let connection = try await Self.ownerConnection()
        _ = try connection.query("BEGIN")
        defer { _ = try? connection.query("ROLLBACK") }
        _ = try connection.query(
            """
            CREATE TABLE zz_badly_keyed (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, code text UNIQUE,
                                         conversion_id uuid REFERENCES zz_badly_keyed (id))
            """)
        let found = try Self.violations(connection).filter { $0.hasPrefix("zz_badly_keyed") }
        #expect(found == [
            "zz_badly_keyed: foreign key zz_badly_keyed_conversion_id_fkey to zz_badly_keyed is not composite on tenant_id",
            "zz_badly_keyed: row-level security is not enabled and forced",
            "zz_badly_keyed: the primary key does not start with tenant_id",
            "zz_badly_keyed: unique index zz_badly_keyed_code_key lacks tenant_id",
            "zz_badly_keyed: unique index zz_badly_keyed_pkey lacks tenant_id",
        ])
    }

    /// 0015_tenant_keys upgrades a database in place: rows written under the
    /// old keys survive with their ids and references, and afterwards a row
    /// can no longer reference another tenant's row.
    @Test(.enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
    func theUpgradeKeepsExistingRowsAndRefusesCrossTenantReferences() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        let bundled = try Migration.bundled()
        let keys = try #require(bundled.first { $0.name == "tenant_keys" })
        func migrator(_ migrations: [Migration]) throws -> Migrator {
            Migrator(connectionString: try ConnectionString(scratch.ownerURL), migrations: migrations, logger: TestDatabase.logger)
        }
        try await migrator(bundled.filter { $0.version < keys.version }).migrate()

        let connection = try PostgresConnection(ConnectionString(scratch.ownerURL))
        let (first, second) = (UUID(), UUID())
        let (creator, influencer, conversion, touchpoint) = (UUID(), UUID(), UUID(), UUID())
        try MigrationUpgrade.inTenant(first, connection) {
            _ = try connection.query("INSERT INTO tenants (id, name) VALUES ($1, 'first')", [first])
            _ = try connection.query("INSERT INTO creators (id, tenant_id, name) VALUES ($1, $2, 'c')", [creator, first])
            _ = try connection.query(
                "INSERT INTO attribution_influencers (id, tenant_id, name, creator_id) VALUES ($1, $2, 'i', $3)",
                [influencer, first, creator])
            _ = try connection.query(
                """
                INSERT INTO attribution_conversions (id, tenant_id, order_id, ordered_at, revenue_minor, currency)
                VALUES ($1, $2, 'o-1', now(), 1000, 'USD')
                """, [conversion, first])
            _ = try connection.query(
                """
                INSERT INTO attribution_touchpoints (id, tenant_id, touchpoint_id, channel, occurred_at)
                VALUES ($1, $2, 't-1', 'email', now())
                """, [touchpoint, first])
            _ = try connection.query(Self.insertResult, [first, conversion, touchpoint, influencer])
        }
        try MigrationUpgrade.inTenant(second, connection) {
            _ = try connection.query("INSERT INTO tenants (id, name) VALUES ($1, 'second')", [second])
        }

        try await migrator(bundled).migrate()

        try MigrationUpgrade.inTenant(first, connection) {
            let result = try connection.query(
                "SELECT conversion_id, touchpoint_id, influencer_id FROM attribution_results")
            #expect(result.rows == [[conversion, touchpoint, influencer].map { $0.uuidString.lowercased() }])
            // SET NULL clears the reference only, never the row's tenant.
            _ = try connection.query("DELETE FROM attribution_touchpoints WHERE id = $1", [touchpoint])
            _ = try connection.query("DELETE FROM creators WHERE id = $1", [creator])
            #expect(try connection.query("SELECT touchpoint_id FROM attribution_results").first("touchpoint_id") == nil)
            #expect(try connection.query("SELECT tenant_id FROM attribution_influencers").first("tenant_id") == first.uuidString.lowercased())
        }
        // The second tenant cannot point at the first tenant's conversion.
        do {
            try MigrationUpgrade.inTenant(second, connection) {
                _ = try connection.query(Self.insertResult, [second, conversion, nil as UUID?, nil as UUID?])
            }
            Issue.record("a result referenced another tenant's conversion")
        } catch let error as PostgresError {
            #expect(error.sqlState == "23503", "foreign_key_violation: \(error.message)")
        }
        #expect(try Self.violations(connection) == [])
    }

    static let insertResult = """
        INSERT INTO attribution_results (tenant_id, conversion_id, touchpoint_id, influencer_id, model,
                                         attribution_window, channel, credit, revenue_minor, currency)
        VALUES ($1, $2, $3, $4, 'linear', '7d', 'email', 1, 1000, 'USD')
        """
}

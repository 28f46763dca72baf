import Foundation
import Storage
import TestSupport
import Testing

/// Tenant isolation by row-level security, as the application role, on the
/// shared test database.
@Suite("Row-level security", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct RowLevelSecurityTests {
    func insertInfluencer(_ tx: TenantTransaction, name: String, tenant: UUID? = nil) async throws(PostgresError) -> UUID {
        let row = try await tx.query(
            "INSERT INTO attribution_influencers (tenant_id, name, discount_codes) VALUES ($1, $2, $3) RETURNING id",
            [tenant ?? tx.tenantID, name, ["CODE10"]])
        return try row[0].decode("id")
    }

    @Test func anotherTenantsRowsAreInvisibleToSelectUpdateAndDelete() async throws {
        try await TestDatabase.withPool { pool in
            let database = Database(pool: pool)
            let tenantA = try await TestDatabase.makeTenant(database)
            let tenantB = try await TestDatabase.makeTenant(database)
            let rowA = try await database.withTenant(tenantA) { try await insertInfluencer($0, name: "A's") }

            try await database.withTenant(tenantB) { tx in
                #expect(try await tx.query("SELECT * FROM attribution_influencers WHERE id = $1", [rowA]).isEmpty)
                #expect(try await tx.query("SELECT * FROM attribution_influencers").isEmpty, "not even without a filter")
                #expect(try await tx.query("SELECT * FROM tenants WHERE id = $1", [tenantA]).isEmpty)
                let updated = try await tx.query("UPDATE attribution_influencers SET name = 'stolen' WHERE id = $1", [rowA])
                #expect(updated.affectedRows == 0)
                let deleted = try await tx.query("DELETE FROM attribution_influencers")
                #expect(deleted.affectedRows == 0)
            }
            try await database.withTenant(tenantA) { tx in
                let rows = try await tx.query("SELECT name FROM attribution_influencers")
                #expect(rows.map { $0["name"] } == ["A's"])
            }
        }
    }

    @Test func anInsertCarryingAnotherTenantsIDFails() async throws {
        try await TestDatabase.withPool { pool in
            let database = Database(pool: pool)
            let tenantA = try await TestDatabase.makeTenant(database)
            let tenantB = try await TestDatabase.makeTenant(database)
            do {
                try await database.withTenant(tenantB) { tx in _ = try await insertInfluencer(tx, name: "planted", tenant: tenantA) }
                Issue.record("inserted a row for another tenant")
            } catch let error as PostgresError {
                #expect(error.sqlState == "42501", "new row violates row-level security policy")
            }
            do {
                try await database.withTenant(tenantB) { tx in
                    let id = try await insertInfluencer(tx, name: "mine")
                    try await tx.query("UPDATE attribution_influencers SET tenant_id = $1 WHERE id = $2", [tenantA, id])
                }
                Issue.record("moved a row to another tenant")
            } catch let error as PostgresError {
                // Citus refuses any change of the distribution column first
                // ("modifying the partition value of rows is not allowed").
                #expect(error.sqlState == (TestEnvironment.isCitus ? "0A000" : "42501"))
            }
            let visible = try await database.withTenant(tenantA) { try await $0.query("SELECT id FROM attribution_influencers") }
            #expect(visible.isEmpty)
        }
    }

    @Test func withNoTenantSetNothingIsVisibleAndNothingCanBeWritten() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let database = Database(pool: pool)
            let tenant = try await TestDatabase.makeTenant(database)
            try await database.withTenant(tenant) { tx in _ = try await insertInfluencer(tx, name: "x") }
            // Same (only) pooled connection, which just ran a tenant transaction.
            try await pool.withConnection { session in
                let setting = try await session.query("SELECT current_setting('app.tenant_id', true) AS t, app_current_tenant() AS c")
                #expect(setting[0]["c"] == nil, "the tenant did not outlive its transaction")
                for table in try await tenantTables(session) {
                    let count = try await session.query("SELECT count(*) AS n FROM \(table)")
                    #expect(count.first("n") == "0", "\(table) shows rows with no tenant set")
                }
                do {
                    try await session.query("INSERT INTO attribution_influencers (tenant_id, name) VALUES ($1, 'x')", [tenant])
                    Issue.record("inserted with no tenant set")
                } catch let error as PostgresError {
                    #expect(error.sqlState == "42501")
                }
            }
        }
    }

    @Test(arguments: [
        "ALTER TABLE attribution_influencers DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE attribution_influencers NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY tenant_isolation ON attribution_influencers",
        "CREATE POLICY open ON attribution_influencers USING (true)",
        "ALTER ROLE attr_app BYPASSRLS",
        "CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$",
    ])
    func theApplicationRoleCannotTurnRowLevelSecurityOff(_ statement: String) async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                do {
                    try await session.query(statement)
                    Issue.record("attr_app ran: \(statement)")
                } catch let error as PostgresError {
                    #expect(error.sqlState == "42501", "\(error)")
                }
            }
        }
    }

    @Test func rowSecurityOffMakesQueriesFailRatherThanBypass() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let database = Database(pool: pool)
            let tenant = try await TestDatabase.makeTenant(database)
            do {
                try await database.withTenant(tenant) { tx in
                    try await tx.query("SET LOCAL row_security = off")
                    try await tx.query("SELECT * FROM attribution_influencers")
                }
                Issue.record("row_security = off let a query through")
            } catch let error as PostgresError {
                #expect(error.sqlState == "42501", "query would be affected by row-level security policy")
            }
        }
    }

    @Test func everyTenantOwnedTableHasForcedRowLevelSecurityAndAPolicy() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                let tables = try await session.query(
                    """
                    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner,
                           (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind = 'r'
                      AND (EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
                           OR c.relname = 'tenants')
                    """)
                #expect(tables.count >= 16)
                for table in tables {
                    let name = table["relname"] ?? "?"
                    #expect(table["relrowsecurity"] == "t", "\(name): RLS not enabled")
                    #expect(table["relforcerowsecurity"] == "t", "\(name): RLS not forced")
                    #expect(table["owner"] != "attr_app", "\(name) owned by the application role")
                    #expect(table["policies"] != "0", "\(name) has no policy")
                }
            }
        }
    }

    func tenantTables(_ session: PostgresSession) async throws -> [String] {
        try await session.query(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
            WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1
            """
        ).map { try $0.decode("relname") }
    }
}

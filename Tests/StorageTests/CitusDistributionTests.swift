import Foundation
import Storage
import TestSupport
import Testing

/// Migration 0019's distribution step on both kinds of database: a no-op on
/// plain PostgreSQL (make test), the schema distributed by tenant_id on the
/// Citus cluster (make test-citus, which sets ATTR_TEST_CITUS=1 and fails
/// when Citus is missing).
@Suite("Citus distribution", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct CitusDistributionTests {
    /// Runs `sql` as the schema owner and returns its rows.
    func asOwner(_ sql: String) async throws -> PostgresRows {
        try await TestDatabase.migrate()
        let owner = try #require(TestEnvironment.ownerDatabaseURL)
        return try await TestDatabase.withPool(size: 1, url: owner) { pool in
            try await pool.withConnection { try await $0.query(sql) }
        }
    }

    @Test func theExtensionIsPresentExactlyWhenTheRunIsOnCitus() async throws {
        let rows = try await asOwner("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') AS citus")
        #expect(rows.first("citus") == (TestEnvironment.isCitus ? "t" : "f"), "make test-citus runs on the Citus coordinator only")
    }

    /// After the migrator's run nothing is left to distribute: a second call
    /// changes nothing (on plain PostgreSQL it never does anything).
    @Test func distributingAgainDoesNothing() async throws {
        let rows = try await asOwner("SELECT app_distribute_tables() AS done")
        #expect(rows.first("done") == "0")
    }

    @Test(.enabled(if: TestEnvironment.isCitus, "the Citus cluster only (make test-citus)"))
    func tenantTablesAreDistributedByTenantColocatedAndTheRestStays() async throws {
        let rows = try await asOwner(
            """
            SELECT c.relname,
                EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant_table,
                p.partmethod::text AS method, p.repmodel::text AS model, p.colocationid,
                CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS key
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
            """)
        var colocations: Set<String> = []
        var tenantTables = 0
        for row in rows {
            let name = row["relname"] ?? ""
            if row["tenant_table"] == "t" {
                tenantTables += 1
                #expect(row["method"] == "h" && row["key"] == "tenant_id", "\(name) is not distributed by tenant_id")
                colocations.insert(row["colocationid"] ?? "")
            } else if name == "tenants" {
                #expect(row["method"] == "n" && row["model"] == "t", "tenants is not a reference table")
            } else if name == "job_due" {
                // On the coordinator (a Citus local table: its key to tenants keeps it in Citus's metadata).
                #expect(row["method"] == "n" && row["model"] == "s", "job_due is not a coordinator-local table")
            }
        }
        #expect(tenantTables >= 20)
        #expect(colocations.count == 1, "tenant tables in several colocation groups: \(colocations)")
    }

    /// Row-level security holds on the shards, where the rows are: tenant B,
    /// naming tenant A's id explicitly (so the statement routes to A's shard),
    /// reads and changes nothing of A's.
    @Test(.enabled(if: TestEnvironment.isCitus, "the Citus cluster only (make test-citus)"))
    func policiesReachTheShards() async throws {
        try await TestDatabase.withPool { pool in
            let database = Database(pool: pool)
            let (a, b) = (try await TestDatabase.makeTenant(database), try await TestDatabase.makeTenant(database))
            try await database.withTenant(a) { tx in
                try await tx.query("INSERT INTO attribution_influencers (tenant_id, name) VALUES ($1, 'A''s')", [a])
            }
            try await database.withTenant(b) { tx in
                #expect(try await tx.query("SELECT name FROM attribution_influencers WHERE tenant_id = $1", [a]).isEmpty)
                let updated = try await tx.query(
                    "UPDATE attribution_influencers SET name = 'stolen' WHERE tenant_id = $1", [a])
                #expect(updated.affectedRows == 0)
            }
            try await database.withTenant(a) { tx in
                let names = try await tx.query("SELECT name FROM attribution_influencers WHERE tenant_id = $1", [a])
                #expect(names.map { $0["name"] } == ["A's"])
            }
        }
    }
}

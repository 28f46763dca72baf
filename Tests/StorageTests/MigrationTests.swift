import Foundation
import Storage
import TestSupport
import Testing

/// Migrations against throwaway clusters (they create and drop schemas).
@Suite("Migrations", .enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
struct MigrationTests {
    func migrator(_ scratch: ScratchPostgres, _ migrations: [Migration]? = nil) throws -> Migrator {
        Migrator(
            connectionString: try ConnectionString(scratch.ownerURL),
            migrations: try migrations ?? Migration.bundled(),
            logger: TestDatabase.logger)
    }

    func appliedVersions(_ scratch: ScratchPostgres) throws -> [Int] {
        let connection = try PostgresConnection(ConnectionString(scratch.ownerURL))
        return try connection.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode("version") }
    }

    @Test func bundledMigrationsApplyOnceAndReRunningIsANoOp() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        let bundled = try Migration.bundled()
        // Numbered 1, 2, 3, … with no gap, tenancy first.
        #expect(bundled.first?.identifier == "0001_tenancy")
        #expect(bundled.map(\.version) == Array(1...bundled.count))
        #expect(bundled.map(\.identifier).contains("0005_roles_and_pixels"))

        let first = try await migrator(scratch).migrate()
        #expect(first.map(\.version) == bundled.map(\.version))
        let snapshot = try schemaSnapshot(scratch)
        let second = try await migrator(scratch).migrate()
        #expect(second.isEmpty)
        #expect(try schemaSnapshot(scratch) == snapshot)
        #expect(try appliedVersions(scratch) == bundled.map(\.version))
        #expect(try await migrator(scratch).pending(asRole: ConnectionString(scratch.appURL)).isEmpty)
    }

    @Test func twoConcurrentRunnersApplyEachMigrationExactlyOnce() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        let runners = try (0..<3).map { _ in try migrator(scratch) }
        let applied = try await withThrowingTaskGroup(of: [Migration].self) { group in
            for runner in runners { group.addTask { try await runner.migrate() } }
            return try await group.reduce(into: [Int]()) { $0 += $1.map(\.version) }
        }
        let bundled = try Migration.bundled().map(\.version)
        #expect(applied.sorted() == bundled, "each migration applied by exactly one runner")
        #expect(try appliedVersions(scratch) == bundled)
    }

    @Test func aFailingMigrationLeavesTheSchemaUnchanged() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        let good = Migration(version: 1, name: "good", sql: "CREATE TABLE good_table (id int);")
        let bad = Migration(
            version: 2, name: "bad",
            sql: "CREATE TABLE half_done (id int); ALTER TABLE good_table ADD COLUMN x int; SELECT 1/0;")
        do {
            try await migrator(scratch, [good, bad]).migrate()
            Issue.record("a failing migration succeeded")
        } catch let error as PostgresError {
            #expect(error.code == .migrationFailed)
            #expect(error.message.contains("0002_bad"))
            #expect(error.sqlState == "22012")
        }
        let connection = try PostgresConnection(ConnectionString(scratch.ownerURL))
        #expect(try connection.query("SELECT to_regclass('half_done') IS NULL AS gone").first("gone") == "t")
        #expect(try connection.query("SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'good_table'").first("n") == "1")
        #expect(try appliedVersions(scratch) == [1])
        let pending = try await migrator(scratch, [good, bad]).pending(asRole: ConnectionString(scratch.ownerURL))
        #expect(pending.map(\.version) == [2])
    }

    @Test func anEditedMigrationIsRefused() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        try await migrator(scratch, [Migration(version: 1, name: "t", sql: "CREATE TABLE t (id int);")]).migrate()
        do {
            try await migrator(scratch, [Migration(version: 1, name: "t", sql: "CREATE TABLE t (id bigint);")]).migrate()
            Issue.record("an edited migration was accepted")
        } catch let error as PostgresError {
            #expect(error.code == .migrationFailed)
            #expect(error.message.contains("differs"))
        }
    }

    /// Tables, columns, policies and indexes of the public schema.
    func schemaSnapshot(_ scratch: ScratchPostgres) throws -> [[String?]] {
        let connection = try PostgresConnection(ConnectionString(scratch.ownerURL))
        return try connection.query(
            """
            SELECT 'column' AS kind, table_name || '.' || column_name || ':' || data_type AS what
              FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'policy', tablename || '.' || policyname FROM pg_policies WHERE schemaname = 'public'
            UNION ALL SELECT 'index', indexname FROM pg_indexes WHERE schemaname = 'public'
            ORDER BY 1, 2
            """
        ).rows
    }
}

import Foundation
import Storage
import TestSupport
import Testing

/// An upgrade with data in place: a scratch database migrated to just
/// before one migration, rows written there in the old schema, then every
/// migration run, and the result read back.
enum MigrationUpgrade {
    /// Migrates a scratch database to just before the migration `name`,
    /// runs `seed`, migrates to the end, runs `check`, and expects row-level
    /// security forced again on `forced` (migrations that convert rows lift
    /// it for the owner and must put it back).
    static func run(
        to name: String, forced: [String], seed: (PostgresConnection) throws -> Void,
        check: (PostgresConnection) throws -> Void
    ) async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        let bundled = try Migration.bundled()
        let target = try #require(bundled.first { $0.name == name })
        func migrator(_ migrations: [Migration]) throws -> Migrator {
            Migrator(connectionString: try ConnectionString(scratch.ownerURL), migrations: migrations, logger: TestDatabase.logger)
        }
        try await migrator(bundled.filter { $0.version < target.version }).migrate()
        let connection = try PostgresConnection(ConnectionString(scratch.ownerURL))
        try seed(connection)
        try await migrator(bundled).migrate()
        try check(connection)
        let rows = try connection.query(
            "SELECT relname FROM pg_class WHERE relname = ANY($1::text[]) AND relforcerowsecurity ORDER BY relname",
            [forced])
        #expect(rows.rows.map { $0[0] } == forced.sorted().map { Optional($0) }, "row-level security forced again")
    }

    /// `body` in a transaction of `tenant` (forced row-level security holds for the owner too).
    static func inTenant(_ tenant: UUID, _ connection: PostgresConnection, _ body: () throws -> Void) throws {
        _ = try connection.query("BEGIN")
        do {
            _ = try connection.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.uuidString.lowercased()])
            try body()
            _ = try connection.query("COMMIT")
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }
}

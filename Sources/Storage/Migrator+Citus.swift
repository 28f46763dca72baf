import Logging

/// On Citus: every migration run ends with the schema distributed
/// (`app_distribute_tables()`, migration 0019, docs/SCALING.md "Citus"), so a
/// table that a migration creates, in this branch or a later one, is
/// distributed by `tenant_id` (or made a reference table) with no step of its
/// own. Without the citus extension in the database both calls do nothing.
extension Migrator {
    /// In a migration's transaction, after its script: distributes what it
    /// created before the next migration uses it (a later CREATE TABLE may
    /// reference it). Nothing until the function exists (before 0019).
    static func distributeInTransaction(on connection: PostgresConnection) throws(PostgresError) {
        guard try isCitus(connection) else { return }
        _ = try connection.query("SELECT app_distribute_tables()")
    }

    /// The citus extension is in this database and migration 0019 applied.
    static func isCitus(_ connection: PostgresConnection) throws(PostgresError) -> Bool {
        let citus = try connection.query(
            """
            SELECT to_regprocedure('app_distribute_tables()') IS NOT NULL
                AND EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') AS present
            """)
        return citus.first("present") == "t"
    }

    /// After a run (also when nothing was pending): distributes what is not
    /// yet, e.g. a database that gained the citus extension after its migrations.
    static func distribute(on connection: PostgresConnection, logger: Logger) throws(PostgresError) {
        guard try isCitus(connection) else { return }
        do {
            _ = try connection.query("BEGIN")
            let done = try connection.query("SELECT app_distribute_tables() AS done")
            _ = try connection.query("COMMIT")
            if let count = done.first("done"), count != "0" {
                logger.notice("distributed tables on Citus", metadata: ["postgres_distributed_tables": "\(count)"])
            }
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw PostgresError(
                code: .migrationFailed, message: "distributing the schema on Citus failed: \(error.message)",
                sqlState: error.sqlState)
        }
    }
}

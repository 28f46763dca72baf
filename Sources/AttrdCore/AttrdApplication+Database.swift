import Logging
import Storage

extension AttrdApplication {
    /// Brings the schema to the latest migration (with the owner URL), or
    /// checks that it is there (without), then opens the pool.
    func openStorage() async throws -> AttrdStorage {
        try await migrateOrCheckSchema()
        let storage = AttrdStorage(database: configuration.database, settings: configuration.storage, logger: logger)
        if storage.secrets == nil {
            logger.warning("no master key configured (--master-key-file or ATTRD_MASTER_KEY): secrets cannot be stored")
        }
        return storage
    }

    private func migrateOrCheckSchema() async throws {
        let migrations: [Migration]
        do {
            migrations = try Migration.bundled()
        } catch {
            throw StartupError(check: "migrations", reason: error.message)
        }
        guard let owner = configuration.storage.ownerDatabase else {
            let migrator = Migrator(connectionString: configuration.database, migrations: migrations, logger: logger)
            let pending: [Migration]
            do {
                pending = try await migrator.pending(asRole: configuration.database)
            } catch {
                throw StartupError(check: "database schema \(configuration.database)", reason: "\(error)")
            }
            guard pending.isEmpty else {
                throw StartupError(
                    check: "database schema \(configuration.database)",
                    reason: "\(pending.count) migration(s) not applied (\(pending.map(\.identifier).joined(separator: ", "))); "
                        + "start attrd once with --owner-database-url (ATTRD_OWNER_DATABASE_URL) to apply them")
            }
            return
        }
        do {
            try await Migrator(connectionString: owner, migrations: migrations, logger: logger).migrate()
        } catch {
            throw StartupError(check: "migrations as \(owner)", reason: "\(error)")
        }
    }

    /// Connects once to check the database is reachable and that attrd's role
    /// is subject to row-level security.
    func checkDatabase() async throws -> DatabaseProbe.Report {
        let report: DatabaseProbe.Report
        do {
            report = try await DatabaseProbe(connectionString: configuration.database).run()
        } catch {
            throw StartupError(check: "database \(configuration.database)", reason: "\(error)")
        }
        guard !report.roleBypassesRowLevelSecurity else {
            throw StartupError(
                check: "database \(configuration.database)",
                reason: "role \(report.role) is a superuser or has BYPASSRLS, so row-level security "
                    + "would not isolate tenants; connect as the application role (attr_app in dev)"
            )
        }
        return report
    }
}

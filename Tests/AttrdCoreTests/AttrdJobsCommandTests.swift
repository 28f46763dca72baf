import Foundation
import Jobs
import Logging
import Storage
import TestSupport
import Testing

/// `attrd jobs list|retry|cancel`, the built binary on make test's database.
@Suite("attrd jobs", .enabled(if: TestEnvironment.hasDatabase, "needs make test's database"))
struct AttrdJobsCommandTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func attrd(_ arguments: [String]) throws -> String {
        let binary = TestEnvironment.productsDirectory.appendingPathComponent("attrd").path
        return try ChildProcess.run(binary, ["jobs"] + arguments + ["--database-url", try #require(TestEnvironment.databaseURL)])
    }

    @Test func listsRetriesAndCancelsAJob() async throws {
        let owner = try ConnectionString(try #require(TestEnvironment.ownerDatabaseURL))
        try await Migrator(connectionString: owner, migrations: Migration.bundled(), logger: Self.logger).migrate()
        let pool = PostgresPool(
            configuration: .init(connectionString: try ConnectionString(try #require(TestEnvironment.databaseURL)), size: 2),
            logger: Self.logger)
        let database = Database(pool: pool)
        let tenant = UUID()
        let kind = "test-\(UUID().uuidString.prefix(8))"
        do {
            try await database.withTenant(tenant) { try await $0.query("INSERT INTO tenants (id, name) VALUES ($1, 'jobs cli')", [tenant]) }
            let queue = JobQueue(database: database)
            guard case .inserted(let id) = try await queue.enqueue(NewJob(kind: kind, runAt: Date()), tenantID: tenant) else {
                Issue.record("not enqueued")
                return
            }
            let tenantText = tenant.uuidString.lowercased()
            let listed = try attrd(["list", "--tenant", tenantText, "--kind", kind])
            #expect(listed.contains(id.uuidString.lowercased()) && listed.contains("state=available") && listed.contains("attempts=0/5"))
            #expect(try attrd(["list", "--tenant", tenantText, "--state", "cancelled"]).contains("no jobs"))
            #expect(try attrd(["cancel", id.uuidString]).contains("is cancelled"))
            #expect(throws: ChildProcess.CommandFailed.self, "a cancelled job cannot be cancelled again") {
                try attrd(["cancel", id.uuidString])
            }
            #expect(try attrd(["retry", id.uuidString]).contains("is available again"))
            #expect(throws: ChildProcess.CommandFailed.self, "--state is checked") { try attrd(["list", "--state", "queued"]) }
            try await database.withTenant(tenant) { try await $0.query("DELETE FROM tenants WHERE id = $1", [tenant]) }
        } catch {
            _ = try? await database.withTenant(tenant) { try await $0.query("DELETE FROM tenants WHERE id = $1", [tenant]) }
            await pool.close()
            throw error
        }
        await pool.close()
    }
}

import Foundation
import Storage
import TestSupport
import Testing

/// A PostgreSQL restart under a live pool, on a throwaway cluster (the shared
/// one must not restart under the other suites).
@Suite("Pool across a server restart", .enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
struct PoolRestartTests {
    @Test func queriesSucceedAfterARestartWithoutANewPool() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        try await TestDatabase.withPool(size: 3, acquireTimeout: .seconds(2), url: scratch.appURL) { pool in
            // Fill the pool with idle connections.
            let before = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await pool.withTransaction(isolation: .readCommitted) { try await $0.query("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)").first("pid") } }
                }
                return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
            }
            #expect(before.count == 3)

            try scratch.restart()

            for _ in 0..<6 {
                let rows = try await pool.withConnection { try await $0.query("SELECT 42 AS answer, pg_backend_pid() AS pid") }
                #expect(rows.first("answer") == "42")
                #expect(!before.contains(rows.first("pid")), "a connection from before the restart was reused")
            }
            #expect(try await pool.withTransaction(isolation: .serializable) { try await $0.query("SELECT 1 AS one").first("one") } == "1")
        }
    }

    @Test func whileTheServerIsDownCallsFailAsUnavailableThenRecover() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        try await TestDatabase.withPool(size: 2, acquireTimeout: .seconds(2), url: scratch.appURL) { pool in
            try await pool.withConnection { try await $0.query("SELECT 1") }
            try scratch.stopServer()
            do {
                try await pool.withConnection { try await $0.query("SELECT 1") }
                Issue.record("a query succeeded with the server down")
            } catch let error as PostgresError {
                #expect(error.code == .connectionFailed)
                #expect(error.isUnavailable)
            }
            try scratch.startServer()
            #expect(try await pool.withConnection { try await $0.query("SELECT 7 AS seven").first("seven") } == "7")
        }
    }

    @Test func aListenerReconnectsAndListensAgainAfterARestart() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        try await TestDatabase.withPool(size: 1, url: scratch.appURL) { pool in
            let events = PostgresListener.listen(try ConnectionString(scratch.appURL), channels: ["jobs"], logger: TestDatabase.logger)
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == .reconnected)
            try scratch.restart()
            #expect(await iterator.next() == .reconnected, "it noticed, reconnected and said so")
            try await pool.withConnection { try await $0.notify("jobs", payload: "after restart") }
            #expect(await iterator.next() == .notification(channel: "jobs", payload: "after restart"))
        }
    }
}

import Storage
import Foundation
import TestSupport
import Testing

@Suite("Connection pool", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct PostgresPoolTests {
    @Test func demandBeyondThePoolSizeWaitsThenTimesOutCleanly() async throws {
        try await TestDatabase.withPool(size: 1, acquireTimeout: .milliseconds(300)) { pool in
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let (held, heldSignal) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await pool.withConnection { session in
                    try await session.query("SELECT 1")
                    heldSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in held { break }

            let clock = ContinuousClock()
            let start = clock.now
            do {
                try await pool.withConnection { _ in Issue.record("got a second connection from a pool of one") }
            } catch let error as PostgresError {
                #expect(error.code == .poolTimeout)
                #expect(error.isUnavailable)
            }
            #expect(clock.now - start >= .milliseconds(300), "it waited first")

            // A waiter that is queued gets the connection as soon as it is returned.
            let waiter = Task { try await pool.withConnection { try await $0.query("SELECT 2 AS two").first("two") } }
            while pool.statistics.waiting == 0 { await Task.yield() }
            releaseSignal.yield()
            try await holder.value
            #expect(try await waiter.value == "2")
            #expect(pool.statistics.open == 1, "the pool never grew beyond its size")
        }
    }

    @Test func manyCallersShareAFewConnections() async throws {
        try await TestDatabase.withPool(size: 3, acquireTimeout: .seconds(20)) { pool in
            let pids = try await withThrowingTaskGroup(of: String?.self) { group in
                for n in 0..<60 {
                    group.addTask {
                        try await pool.withTransaction(isolation: n % 2 == 0 ? .readCommitted : .repeatableRead) { tx in
                            try await tx.query("SELECT pg_backend_pid() AS pid, $1::int AS n", [n]).first("pid")
                        }
                    }
                }
                return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
            }
            #expect(pids.count <= 3, "no more backends than the pool's size")
            #expect(pool.statistics == PostgresPool.Statistics(open: pids.count, idle: pids.count, waiting: 0))
        }
    }

    @Test func aCancelledWaiterLeavesTheQueueAndLeaksNoSlot() async throws {
        try await TestDatabase.withPool(size: 1, acquireTimeout: .seconds(30)) { pool in
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let (held, heldSignal) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await pool.withConnection { _ in
                    heldSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in held { break }
            let waiter = Task { try await pool.withConnection { _ in } }
            while pool.statistics.waiting == 0 { await Task.yield() }
            waiter.cancel()
            do {
                try await waiter.value
                Issue.record("a cancelled waiter got a connection")
            } catch let error as PostgresError {
                #expect(error.code == .cancelled)
            }
            #expect(pool.statistics.waiting == 0)
            releaseSignal.yield()
            try await holder.value
            #expect(try await pool.withConnection { try await $0.query("SELECT 1 AS one").first("one") } == "1")
            #expect(pool.statistics.open == 1)
        }
    }

    @Test func aStatementPastItsTimeoutIsCancelledAndTheConnectionIsReused() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let clock = ContinuousClock()
            let start = clock.now
            do {
                try await pool.withConnection { try await $0.query("SELECT pg_sleep(10)", timeout: .milliseconds(200)) }
                Issue.record("pg_sleep(10) finished within 200 ms")
            } catch let error as PostgresError {
                #expect(error.code == .deadlineExceeded)
                #expect(error.sqlState == "57014")
            }
            #expect(clock.now - start < .seconds(5))
            try await pool.withConnection { session in
                try await session.query("SELECT 1", timeout: .milliseconds(200))
                // A COPY after it does not inherit the 200 ms.
                #expect(try await session.copyOut("COPY (SELECT pg_sleep(0.4)) TO STDOUT") { _ in } == 1)
            }
            let backend = try await pool.withConnection { try await $0.query("SELECT 3 AS three, current_setting('statement_timeout') AS t") }
            #expect(backend.first("three") == "3")
            #expect(backend.first("t") == "30s", "the next statement has the default timeout again")
        }
    }

    /// A server whose statement_timeout does not fire (here: set to 0 behind
    /// the session's back) is cancelled by the thread waiting for the result.
    @Test func theBackstopCancelsAStatementTheServerDoesNotTimeOut() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                // The same timeout each time, so the session sets it only once, first.
                let timeout = Duration.seconds(2)
                try await session.query("SELECT 1", timeout: timeout)
                try await session.query("SELECT set_config('statement_timeout', '0', false)", timeout: timeout)
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    try await session.query("SELECT pg_sleep(30)", timeout: timeout)
                    Issue.record("pg_sleep(30) finished")
                } catch let error as PostgresError {
                    #expect(error.code == .deadlineExceeded)
                    #expect(error.sqlState == "57014")
                    #expect(error.message.contains("user request"), "the client's cancel, not the server's timeout: \(error.message)")
                }
                #expect(clock.now - start < .seconds(20), "cancelled, not finished")
                #expect(try await session.query("SELECT 2 AS two").first("two") == "2")
            }
        }
    }

    @Test func cancellingTheCallersTaskCancelsTheStatementOnTheServer() async throws {
        try await TestDatabase.withPool(size: 2) { pool in
            let marker = "cancel-me-\(UUID().uuidString)"
            let sleeper = Task {
                try await pool.withConnection { try await $0.query("SELECT pg_sleep(60), $1::text", [marker]) }
            }
            // Wait until the server runs it, watching from the other connection.
            try await pool.withConnection { session in
                while try await session.query(
                    "SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(60)%' AND pid <> pg_backend_pid()"
                ).isEmpty {
                    await Task.yield()
                }
            }
            let clock = ContinuousClock()
            let start = clock.now
            sleeper.cancel()
            do {
                _ = try await sleeper.value
                Issue.record("the statement finished despite cancellation")
            } catch let error as PostgresError {
                #expect(error.code == .cancelled)
            }
            #expect(clock.now - start < .seconds(30), "PQcancel stopped it, not the 60 s sleep (the bound is loose: the suite runs in parallel on 2 cores)")
        }
    }

    @Test(arguments: IsolationLevel.allCases)
    func transactionsRunAtTheirExplicitIsolationLevel(_ level: IsolationLevel) async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let shown = try await pool.withTransaction(isolation: level, readOnly: true) { tx in
                try await tx.query("SELECT current_setting('transaction_isolation') AS level, current_setting('transaction_read_only') AS ro")
            }
            #expect(shown.first("level") == level.rawValue.lowercased())
            #expect(shown.first("ro") == "on")
        }
    }

    @Test func settingsHoldForTheTransactionOnlyAndABadOneFailsBeforeTheBody() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let settings = ["app.probe_a": "one", "app.probe_b": "two"]
            let (pid, shown) = try await pool.withTransaction(isolation: .readCommitted, settings: settings) { tx in
                let rows = try await tx.query(
                    "SELECT pg_backend_pid() AS pid, current_setting('app.probe_a') || current_setting('app.probe_b') AS shown")
                return (rows.first("pid"), rows.first("shown"))
            }
            #expect(shown == "onetwo")
            do {
                try await pool.withTransaction(isolation: .readCommitted, settings: ["not a setting name": "x"]) { _ in
                    Issue.record("the body ran after a failed setting")
                }
                Issue.record("a bad setting was accepted")
            } catch let error as PostgresError {
                #expect(error.code == .queryFailed)
            }
            // The same connection (rolled back, not discarded), outside any
            // transaction, without the earlier transaction's settings.
            let after = try await pool.withConnection { session in
                try await session.query("SELECT pg_backend_pid() AS pid, current_setting('app.probe_a', true) AS a")
            }
            #expect(after.first("pid") == pid)
            #expect(after.first("a") ?? "" == "")
        }
    }

    @Test func aThrowingBodyRollsBackAndAFailedTransactionDoesNotCommit() async throws {
        struct Abandon: Error {}
        try await TestDatabase.withPool(size: 1) { pool in
            let table = "rollback_probe"
            try await pool.withConnection { try await $0.query("CREATE TEMP TABLE \(table) (n int)") }
            do {
                try await pool.withTransaction(isolation: .readCommitted) { tx in
                    try await tx.query("INSERT INTO \(table) VALUES (1)")
                    throw Abandon()
                }
            } catch is Abandon {}
            do {
                try await pool.withTransaction(isolation: .readCommitted) { tx in
                    try await tx.query("INSERT INTO \(table) VALUES (2)")
                    _ = try? await tx.query("SELECT 1/0")  // swallowed, but the transaction is failed
                }
                Issue.record("committed a failed transaction")
            } catch let error as PostgresError {
                #expect(error.message.contains("failed earlier"))
            }
            let count = try await pool.withConnection { try await $0.query("SELECT count(*) AS n FROM \(table)") }
            #expect(count.first("n") == "0")
        }
    }

    @Test func aConnectionReturnedInsideATransactionIsDiscarded() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let first = try await pool.withConnection { session in
                try await session.query("BEGIN")
                return try await session.query("SELECT pg_backend_pid() AS pid").first("pid")
            }
            let second = try await pool.withConnection { session in
                try await session.query("SELECT pg_backend_pid() AS pid, now() = statement_timestamp() AS outside").rows[0]
            }
            #expect(second[0] != first, "a fresh connection replaced it")
            #expect(pool.statistics.open == 1)
        }
    }

    @Test func listenersReceiveNotificationsOnTheirOwnConnection() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let url = try ConnectionString(try #require(TestEnvironment.databaseURL))
            let channel = "attr test \(UUID().uuidString)"
            let events = PostgresListener.listen(url, channels: [channel], logger: TestDatabase.logger)
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == .reconnected)
            try await pool.withConnection { try await $0.notify(channel, payload: "hello 'there'") }
            #expect(await iterator.next() == .notification(channel: channel, payload: "hello 'there'"))
        }
    }
}

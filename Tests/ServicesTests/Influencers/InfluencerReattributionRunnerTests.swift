import AttributionStore
import Foundation
import Influencers
import Jobs
import Protos
import ServiceLifecycle
import Storage
import Synchronization
import TestSupport
import Testing

/// Re-attribution after a rule change as attrd runs it: the module's job kind
/// (`influencer_reattribution`) under a real JobRunner and JobListener over
/// the test database, woken by the enqueue's NOTIFY, and GetInfluencerMetrics
/// and ListInfluencers read while the job runs.
///
/// The handler is the kind's own, behind a gate the test opens (so the
/// pending state can be seen) and followed by a report of the run (so the
/// test awaits runs instead of sleeping). It runs on a scratch PostgreSQL of
/// its own: on the shared test database the attrd servers other suites start
/// run this kind too, and would take these jobs past the gate. The service
/// and the runner share an injected time, 2099-03-12T12:00Z.
@Suite(
    "Influencers: re-attribution through the job runner",
    .enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
struct InfluencerReattributionRunnerTests {
    static let now = InfluencersFixture.day(2)  // 2099-03-12T12:00:00Z

    /// Holds handlers while closed.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((true, []))

        func close() { state.withLock { $0.open = false } }

        func open() {
            let waiting = state.withLock { state in
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for continuation in waiting { continuation.resume() }
        }

        func pass() async {
            await withCheckedContinuation { continuation in
                let open = state.withLock { state in
                    if !state.open { state.waiting.append(continuation) }
                    return state.open
                }
                if open { continuation.resume() }
            }
        }
    }

    /// The runs of one tenant's jobs, as a stream the test awaits.
    final class Runs: Sendable {
        let stream: AsyncStream<UUID>
        let continuation: AsyncStream<UUID>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        /// Waits for `count` more runs; fails after `limit` (a guard against a hang, not a synchronisation).
        func wait(_ count: Int, limit: Duration = .seconds(120)) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var seen = 0
                    for await _ in self.stream {
                        seen += 1
                        if seen == count { return }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    throw CancellationError()
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    @Test func aRuleChangeRunsThroughTheRunnerAndMetricsNeverMixVersions() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        try await Migrator(
            connectionString: try ConnectionString(scratch.ownerURL), migrations: Migration.bundled(), logger: AttrdHarness.quiet
        ).migrate()
        let pool = PostgresPool(
            configuration: .init(connectionString: try ConnectionString(scratch.appURL), size: 6), logger: AttrdHarness.quiet)
        do {
            try await run(on: Database(pool: pool), url: scratch.appURL)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }

    func run(on database: Database, url: String) async throws {
        do {
            let f = InfluencersFixture(
                tenant: try TestTenant(), service: InfluencersService(database: database, now: { Self.now }),
                ingest: IngestStore(database: database), database: database)
            let gate = Gate(), runs = Runs(), tenantID = f.tenant.id
            var kind = InfluencerReattributionJob.jobKind()
            let handler = kind.handler
            kind.handler = { context in
                guard context.job.tenantID == tenantID else { return try await handler(context) }
                await gate.pass()
                try await handler(context)
                runs.continuation.yield(context.job.id)
            }
            var configuration = JobRunner.Configuration()
            configuration.pollInterval = .seconds(3_600)  // woken by the enqueue's NOTIFY, not by polling
            let runner = JobRunner(
                kind: kind, queue: JobQueue(database: f.database), configuration: configuration, logger: AttrdHarness.quiet,
                now: { Self.now })
            let listener = JobListener(
                connectionString: try ConnectionString(url), runners: [runner],
                logger: AttrdHarness.quiet)
            let group = ServiceGroup(configuration: .init(services: [runner, listener], logger: AttrdHarness.quiet))
            let task = Task { try await group.run() }
            do {
                try await scenario(f, gate: gate, runs: runs)
                await group.triggerGracefulShutdown()
                try await task.value
            } catch {
                await group.triggerGracefulShutdown()
                _ = try? await task.value
                throw error
            }
            // Every job of this tenant's four rules versions finished (the later ones finding nothing to do).
            let states = try await f.database.withTenant(f.tenant.id, readOnly: true) { tx in
                try await tx.query(
                    "SELECT state FROM jobs WHERE tenant_id = $1 AND kind = $2 ORDER BY unique_key",
                    [tx.tenantID, InfluencerReattributionJob.kind]
                ).map { try $0.decode("state") as String }
            }
            #expect(states == ["succeeded", "succeeded", "succeeded", "succeeded"])
        }
    }

    func scenario(_ f: InfluencersFixture, gate: Gate, runs: Runs) async throws {
        // Versions 1 and 2 (two creates), applied by the runner.
        let sam = try await f.createResponse("Sam", codes: ["SPRING"])
        let ali = try await f.createResponse("Ali", codes: ["SUMMER"])
        #expect(sam.reattribution.rulesVersion == 1 && ali.reattribution.rulesVersion == 2)
        try await runs.wait(2)
        let (samID, aliID) = (sam.influencer.id, ali.influencer.id)
        try await f.record([
            f.order("O1", at: InfluencersFixture.day(-2), revenue: 5_000, codes: ["spring"], customer: "c1"),
            f.order("O2", at: InfluencersFixture.day(-1), revenue: 3_000, codes: ["SUMMER"], customer: "c2"),
            f.order("O3", at: InfluencersFixture.day(-1), revenue: 2_000, codes: ["Spring"], customer: "c3"),
        ])
        let before = try await metrics(f, samID)
        #expect(before.rulesVersion == 2 && !before.reattributionPending)
        #expect(before.metrics.revenue.amountMinor == 7_000)

        // The change: SUMMER moves from Ali to Sam (versions 3 and 4); the runner's job waits at the gate.
        gate.close()
        _ = try await f.update(aliID, ["discount_codes"]) { $0.discountCodes = [] }
        let moved = try await f.update(samID, ["discount_codes"]) { $0.discountCodes = ["SPRING", "SUMMER"] }
        #expect(moved.reattribution.rulesVersion == 4)
        let pending = try await metrics(f, samID)
        #expect(pending.rulesVersion == 2 && pending.reattributionPending)
        #expect(pending.metrics.revenue.amountMinor == 7_000, "old rules until the job has run")

        // Readers during the run: every answer follows version 2 or version 4 whole.
        let expected: [Int64: (sam: Int64, ali: Int64, pending: Bool)] = [2: (7_000, 3_000, true), 4: (10_000, 0, false)]
        try await withThrowingTaskGroup(of: Set<Int64>.self) { readers in
            for reader in 0..<3 {
                readers.addTask {
                    var seen: Set<Int64> = []
                    while !seen.contains(4) {
                        try Task.checkCancellation()
                        if reader == 0 {
                            let list = try await list(f)
                            let revenue = Dictionary(
                                uniqueKeysWithValues: list.influencers.map { ($0.influencer.id, $0.metrics.revenue.amountMinor) })
                            let want = try #require(expected[list.rulesVersion], "rules version \(list.rulesVersion)")
                            #expect(revenue == [samID: want.sam, aliID: want.ali] && list.reattributionPending == want.pending)
                            seen.insert(list.rulesVersion)
                        } else {
                            let id = reader == 1 ? samID : aliID
                            let answer = try await metrics(f, id)
                            let want = try #require(expected[answer.rulesVersion], "rules version \(answer.rulesVersion)")
                            #expect(answer.metrics.revenue.amountMinor == (reader == 1 ? want.sam : want.ali))
                            #expect(answer.reattributionPending == want.pending)
                            seen.insert(answer.rulesVersion)
                        }
                    }
                    return seen
                }
            }
            gate.open()
            try await runs.wait(2)
            for try await seen in readers { #expect(seen.isSubset(of: [2, 4])) }
        }
        let after = try await metrics(f, samID)
        #expect(after.rulesVersion == 4 && !after.reattributionPending)
        #expect(after.metrics.revenue.amountMinor == 10_000)
        #expect(after.metrics.conversions == 3)
        #expect(try await metrics(f, aliID).metrics.revenue.amountMinor == 0)
    }

    func metrics(_ f: InfluencersFixture, _ id: String) async throws -> Attribution_V1_GetInfluencerMetricsResponse {
        try await f.metrics(id, from: (2099, 3, 1), to: (2099, 3, 11))
    }

    func list(_ f: InfluencersFixture) async throws -> Attribution_V1_ListInfluencersResponse {
        try await f.list { $0.dateRange = InfluencersFixture.range((2099, 3, 1), (2099, 3, 11)) }
    }
}

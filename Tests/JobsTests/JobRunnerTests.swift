import Foundation
@testable import Jobs
import Logging
import ServiceLifecycle
import Storage
import TestSupport
import Testing

/// Runners against the test database: exactly once across replicas, rescue,
/// retries and discards, cancel, and the drain on shutdown.
@Suite("Jobs: runners", .enabled(if: JobsDatabase.enabled, "needs make test's database"))
struct JobRunnerTests {
    let kindName = "test-\(UUID().uuidString.prefix(8))"

    func runner(
        _ data: JobsDatabase, _ handler: @escaping @Sendable (JobContext) async throws -> Void, concurrency: Int = 4,
        lease: Duration = .seconds(30), maxAttempts: Int = 3, drainGrace: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> JobRunner {
        var configuration = JobRunner.Configuration()
        configuration.pollInterval = .seconds(30)  // woken by NOTIFY and by finished jobs, not by polling
        configuration.drainGrace = drainGrace
        let kind = JobKind(
            name: kindName, concurrency: concurrency, lease: lease, retry: JobRetryPolicy(maxAttempts: maxAttempts, base: .zero),
            handler: handler)
        return JobRunner(kind: kind, queue: data.queue, configuration: configuration, logger: JobsDatabase.logger, now: now, random: { 0 })
    }

    /// Runs `services` in a group until `body` returns, then shuts it down gracefully and waits for it.
    func running<R>(_ services: [any Service], _ body: () async throws -> R) async throws -> R {
        let group = ServiceGroup(configuration: .init(services: services, logger: JobsDatabase.logger))
        let task = Task { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await task.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            throw error
        }
    }

    @Test func twoReplicasRunEachJobAndEachScheduleTickExactlyOnce() async throws {
        let probe = RunProbe()
        try await JobsDatabase.with { first in
            try await JobsDatabase.with { second in
                let tenants = [try await first.makeTenant(), try await first.makeTenant(), try await first.makeTenant()]
                let replicas = [first, second].map { data in
                    runner(data, { probe.ran($0.job) }, concurrency: 4)
                }
                let listeners = zip([first, second], replicas).map { data, runner in
                    JobListener(connectionString: data.connectionString, runners: [runner], logger: JobsDatabase.logger)
                }
                let kind = replicas[0].kind
                try await running(replicas + listeners) {
                    for index in 0..<200 {
                        try await first.queue.enqueue(kind.job(runAt: Date()), tenantID: tenants[index % tenants.count])
                    }
                    // Two schedulers enqueue the same 50 hourly ticks (all due) of one tenant's schedule.
                    let schedule = try Schedule(.hourly(minute: 0), timeZone: "Europe/London")
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for data in [first, second] {
                            group.addTask {
                                var after = Date().addingTimeInterval(-51 * 3600)
                                for _ in 0..<50 {
                                    let job = schedule.nextJob(of: kind, name: "report", after: after)
                                    try await data.queue.enqueue(job, tenantID: tenants[0])
                                    after = job.runAt
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    try await probe.waitForRuns(250)
                }
                #expect(probe.all.count == 250)
                #expect(probe.all.values.allSatisfy { $0 == 1 }, "every job ran exactly once")
                var succeeded = 0
                for tenant in tenants {
                    let states = try await first.states(kind: kindName, tenant: tenant)
                    #expect(Set(states.keys) == [.succeeded])
                    succeeded += states[.succeeded] ?? 0
                }
                #expect(succeeded == 250)
            }
        }
    }

    @Test func aJobOfAKilledWorkerIsRescuedAfterItsLeaseAndCompletesOnce() async throws {
        let probe = RunProbe()
        let clock = ManualDate()
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            try await data.queue.enqueue(NewJob(kind: kindName, runAt: clock.now), tenantID: tenant)
            // The killed replica claimed it and never heartbeats again.
            let killed = try #require(try await data.queue.claim(kind: kindName, owner: "killed", now: clock.now, lease: .seconds(30), limit: 1).first)
            let survivor = runner(data, { probe.ran($0.job) }, now: { clock.now })
            #expect(await survivor.claimRound(limit: 1).isEmpty, "its lease holds")
            clock.advance(by: 31)
            let rescued = await survivor.claimRound(limit: 1)
            #expect(rescued.map(\.id) == [killed.id])
            for job in rescued { await survivor.execute(job) }
            #expect(probe.all == [killed.id: 1])
            let row = try await data.row(killed.id, tenant: tenant)
            #expect(row.state == .succeeded && row.attempts == 2)
        }
    }

    struct Boom: Error, CustomStringConvertible {
        let attempt: Int
        var description: String { "boom on attempt \(attempt)" }
    }

    @Test func aJobThatAlwaysFailsIsDiscardedAfterItsAttemptsWithTheLastError() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let failing = runner(data, { throw Boom(attempt: $0.job.attempt) }, maxAttempts: 3)
            guard case .inserted(let id) = try await data.queue.enqueue(failing.kind.job(runAt: Date()), tenantID: tenant) else {
                Issue.record("not enqueued")
                return
            }
            for attempt in 1...3 {
                let claimed = await failing.claimRound(limit: 1)
                #expect(claimed.map(\.attempt) == [attempt])
                for job in claimed { await failing.execute(job) }
                let row = try await data.row(id, tenant: tenant)
                #expect(row.state == (attempt < 3 ? .retryable : .discarded))
                #expect(row.lastError == "boom on attempt \(attempt)")
            }
            #expect(await failing.claimRound(limit: 1).isEmpty)
        }
    }

    @Test func aPermanentErrorDiscardsAtOnce() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let refusing = runner(data, { _ in throw JobFailure.permanent("the report was deleted") }, maxAttempts: 5)
            guard case .inserted(let id) = try await data.queue.enqueue(refusing.kind.job(runAt: Date()), tenantID: tenant) else {
                Issue.record("not enqueued")
                return
            }
            for job in await refusing.claimRound(limit: 1) { await refusing.execute(job) }
            let row = try await data.row(id, tenant: tenant)
            #expect(row.state == .discarded && row.attempts == 1 && row.lastError == "the report was deleted")
        }
    }

    @Test func aHandlerRunsInItsTenantsTransactionOnly() async throws {
        let seen = RunProbe()
        try await JobsDatabase.with { data in
            let (a, b) = (try await data.makeTenant(), try await data.makeTenant())
            let counting = runner(data, { context in
                let tenants = try await context.withTransaction { tx in
                    try await tx.query("SELECT DISTINCT tenant_id FROM jobs").map { try $0.decode("tenant_id", as: UUID.self) }
                }
                #expect(tenants == [context.tenantID])
                seen.ran(context.job)
            })
            try await data.queue.enqueue(counting.kind.job(runAt: Date()), tenantID: a)
            try await data.queue.enqueue(counting.kind.job(runAt: Date()), tenantID: b)
            for job in await counting.claimRound(limit: 2) { await counting.execute(job) }
            #expect(seen.all.count == 2)
        }
    }

    @Test func cancellingARunningJobStopsItAtTheNextHeartbeat() async throws {
        let started = RunProbe()
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let blocking = runner(data, { context in
                started.ran(context.job)
                try await Task.sleep(for: .seconds(3600))  // until cancelled
            }, lease: .milliseconds(300))
            guard case .inserted(let id) = try await data.queue.enqueue(blocking.kind.job(runAt: Date()), tenantID: tenant) else {
                Issue.record("not enqueued")
                return
            }
            let claimed = await blocking.claimRound(limit: 1)
            async let execution: Void = { for job in claimed { await blocking.execute(job) } }()
            try await started.waitForRuns(1)
            #expect(try await data.queue.cancel(id) == .cancelRequested)
            await execution
            #expect(try await data.row(id, tenant: tenant).state == .cancelled)
            #expect(try await data.queue.cancel(id) == .refused(.cancelled))
            #expect(try await data.queue.retry(id) == .retried)
            #expect(try await data.row(id, tenant: tenant).state == .available)
            #expect(try await data.queue.cancel(id) == .cancelled)
            #expect(try await data.queue.retry(UUID()) == .notFound)
        }
    }

    @Test func shutdownLetsARunningJobFinishWithinTheGrace() async throws {
        let started = RunProbe()
        let (gate, open) = AsyncStream<Void>.makeStream()
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let gated = runner(data, { context in
                started.ran(context.job)
                for await _ in gate { break }
            }, drainGrace: .seconds(60))
            guard case .inserted(let id) = try await data.queue.enqueue(gated.kind.job(runAt: Date()), tenantID: tenant) else {
                Issue.record("not enqueued")
                return
            }
            let group = ServiceGroup(configuration: .init(services: [gated], logger: JobsDatabase.logger))
            async let run: Void = group.run()
            gated.wake()
            try await started.waitForRuns(1)
            await group.triggerGracefulShutdown()
            open.yield()
            try await run
            #expect(try await data.row(id, tenant: tenant).state == .succeeded)
        }
    }

    @Test func shutdownReleasesTheLeaseOfAJobStillRunningAfterTheGrace() async throws {
        let started = RunProbe()
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let stuck = runner(data, { context in
                started.ran(context.job)
                try await Task.sleep(for: .seconds(3600))  // until cancelled
            }, drainGrace: .milliseconds(50))
            guard case .inserted(let id) = try await data.queue.enqueue(stuck.kind.job(runAt: Date()), tenantID: tenant) else {
                Issue.record("not enqueued")
                return
            }
            try await running([stuck]) {
                stuck.wake()
                try await started.waitForRuns(1)
            }
            let row = try await data.row(id, tenant: tenant)
            #expect(row.state == .available && row.attempts == 0 && row.leaseOwner == nil, "released for another replica")
        }
    }
}

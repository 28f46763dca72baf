import Foundation
@testable import Jobs
import Storage
import TestSupport
import Testing

/// The queue's SQL on the test database: transactional enqueue, unique keys,
/// fair claim rounds, leases and their rescue. Each test has a kind of its
/// own, so tests running together never claim each other's jobs.
@Suite("Jobs: queue", .enabled(if: JobsDatabase.enabled, "needs make test's database"))
struct JobQueueTests {
    let kind = "test-\(UUID().uuidString.prefix(8))"
    let clock = ManualDate()

    func claim(_ data: JobsDatabase, owner: String = "worker", limit: Int = 10, lease: Duration = .seconds(30)) async throws -> [ClaimedJob] {
        try await data.queue.claim(kind: kind, owner: owner, now: clock.now, lease: lease, limit: limit)
    }

    @Test func aJobEnqueuedInARolledBackTransactionNeverRuns() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await data.database.withTenant(tenant) { tx in
                    try await JobQueue.enqueue(NewJob(kind: kind, runAt: clock.now), in: tx)
                    throw Abandon()
                }
            }
            #expect(try await claim(data).isEmpty)
            #expect(try await data.states(kind: kind, tenant: tenant).isEmpty)
        }
    }

    @Test func aUniqueKeyIsEnqueuedOnceHoweverManyTry() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let job = NewJob(kind: kind, runAt: clock.now, uniqueKey: "tick@1")
            let results = try await withThrowingTaskGroup(of: JobQueue.Enqueued.self) { group in
                for _ in 0..<4 { group.addTask { try await data.queue.enqueue(job, tenantID: tenant) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 == .duplicate }.count == 3)
            // Still unique once the first has run.
            let claimed = try await claim(data)
            #expect(claimed.count == 1)
            try await data.queue.finish(claimed[0], owner: "worker", now: clock.now, outcome: .succeeded)
            #expect(try await data.queue.enqueue(job, tenantID: tenant) == .duplicate)
            #expect(try await data.states(kind: kind, tenant: tenant) == [.succeeded: 1])
        }
    }

    @Test func aJobIsNotClaimedBeforeItsRunAt() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now.addingTimeInterval(60)), tenantID: tenant)
            #expect(try await claim(data).isEmpty)
            clock.advance(by: 60)
            #expect(try await claim(data).count == 1)
        }
    }

    @Test func oneTenantsBacklogDelaysAnothersJobByAtMostOneRound() async throws {
        try await JobsDatabase.with { data in
            let (a, b) = (try await data.makeTenant(), try await data.makeTenant())
            // A: 10,000 jobs due a minute before B's one.
            let early = clock.now.addingTimeInterval(-60)
            try await data.database.withTenant(a) { tx in
                // ON CONFLICT (nothing conflicts) so that Citus inserts with INSERT on the shard,
                // under row-level security, not with a COPY, which RLS refuses (TenantTransaction.copyIn).
                try await tx.query(
                    "INSERT INTO jobs (tenant_id, kind, run_at) SELECT app_current_tenant(), $1, $2 FROM generate_series(1, 10000) ON CONFLICT DO NOTHING",
                    [kind, early])
                try await tx.query("SELECT app_job_due($1, $2)", [kind, early])
            }
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now), tenantID: b)
            // A round of 10 spreads over both due tenants.
            let round = try await claim(data, limit: 10)
            #expect(round.count == 10)
            #expect(round.filter { $0.tenantID == b }.count == 1)
            #expect(round.filter { $0.tenantID == a }.count == 9)
        }
    }

    @Test func roundsOfOneAlternateBetweenDueTenants() async throws {
        try await JobsDatabase.with { data in
            let (a, b) = (try await data.makeTenant(), try await data.makeTenant())
            for index in 0..<3 {
                try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now.addingTimeInterval(Double(-60 + index))), tenantID: a)
            }
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now), tenantID: b)
            var tenants: [UUID] = []
            for _ in 0..<4 { tenants += try await claim(data, limit: 1).map(\.tenantID) }
            #expect(tenants == [a, b, a, a], "B's job starts in the round after A's first")
            #expect(try await claim(data, limit: 1).isEmpty)
        }
    }

    @Test func anExpiredLeaseIsRescuedAndTheDeadWorkersOutcomeRefused() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now), tenantID: tenant)
            let dead = try #require(try await claim(data, owner: "dead").first)
            clock.advance(by: 29)
            #expect(try await claim(data, owner: "alive").isEmpty, "the lease still holds")
            clock.advance(by: 2)
            let rescued = try #require(try await claim(data, owner: "alive").first)
            #expect(rescued.id == dead.id)
            #expect(rescued.attempt == 2)
            #expect(try await data.queue.finish(dead, owner: "dead", now: clock.now, outcome: .succeeded) == false)
            #expect(try await data.queue.heartbeat(dead, owner: "dead", now: clock.now, lease: .seconds(30)) == .lost)
            #expect(try await data.queue.finish(rescued, owner: "alive", now: clock.now, outcome: .succeeded))
            #expect(try await data.row(dead.id, tenant: tenant).state == .succeeded)
        }
    }

    @Test func aLeaseExpiredOnTheLastAttemptDiscardsTheJob() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now, maxAttempts: 1), tenantID: tenant)
            let dead = try #require(try await claim(data, owner: "dead").first)
            clock.advance(by: 31)
            #expect(try await claim(data, owner: "alive").isEmpty)
            let row = try await data.row(dead.id, tenant: tenant)
            #expect(row.state == .discarded)
            #expect(row.lastError?.contains("lease expired") == true)
        }
    }

    @Test func aRetryWaitsForItsRunAtAndCountsTheAttempt() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now), tenantID: tenant)
            let first = try #require(try await claim(data).first)
            try await data.queue.finish(
                first, owner: "worker", now: clock.now, outcome: .retry(at: clock.now.addingTimeInterval(60), error: "timeout"))
            #expect(try await data.row(first.id, tenant: tenant).state == .retryable)
            clock.advance(by: 59)
            #expect(try await claim(data).isEmpty)
            clock.advance(by: 1)
            let second = try #require(try await claim(data).first)
            #expect(second.attempt == 2)
            #expect(try await data.row(first.id, tenant: tenant).lastError == "timeout")
        }
    }

    @Test func aReleasedJobIsAvailableAtOnceWithoutUsingAnAttempt() async throws {
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now), tenantID: tenant)
            let first = try #require(try await claim(data, owner: "stopping").first)
            try await data.queue.finish(first, owner: "stopping", now: clock.now, outcome: .release)
            let again = try #require(try await claim(data, owner: "other").first)
            #expect(again.attempt == 1)
        }
    }

    @Test func anotherTenantsTransactionSeesNoJobsAndNoDueWork() async throws {
        try await JobsDatabase.with { data in
            let (a, b) = (try await data.makeTenant(), try await data.makeTenant())
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now), tenantID: a)
            #expect(try await data.states(kind: kind, tenant: b).isEmpty)
            await #expect(throws: PostgresError.self, "job_due is not the application role's to read") {
                try await data.database.withTenant(b) { try await $0.query("SELECT * FROM job_due") }
            }
        }
    }
}

/// The figures /metrics shows: due jobs and the oldest one's wait, per kind.
@Suite("Jobs: gauges", .enabled(if: JobsDatabase.enabled, "needs make test's database"))
struct JobQueueGaugesTests {
    @Test func dueJobsAndTheOldestWaitPerKind() async throws {
        let (kind, other) = ("test-\(UUID().uuidString.prefix(8))", "test-\(UUID().uuidString.prefix(8))")
        let clock = ManualDate()
        try await JobsDatabase.with { data in
            let (a, b) = (try await data.makeTenant(), try await data.makeTenant())
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now.addingTimeInterval(-90)), tenantID: a)
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now.addingTimeInterval(-30)), tenantID: b)
            try await data.queue.enqueue(NewJob(kind: kind, runAt: clock.now.addingTimeInterval(60)), tenantID: b)  // not due
            try await data.queue.enqueue(NewJob(kind: other, runAt: clock.now), tenantID: a)
            let gauges = JobQueueGauges(queue: data.queue, logger: JobsDatabase.logger, now: { clock.now })
            try await gauges.refresh()
            #expect(gauges.due(kind) == 2)
            #expect(gauges.oldestDueAge(kind) == 90)
            #expect(gauges.due(other) == 1 && gauges.oldestDueAge(other) == 0)
            #expect(gauges.due() >= 3, "every kind, other tests' included")
        }
    }
}

import Foundation
@testable import Jobs
import Logging
import ServiceLifecycle
import Storage
import Synchronization
import TestSupport
import Testing

private let benchmarksEnabled = TestEnvironment.variables["ATTR_JOBS_BENCH"] == "1" && JobsDatabase.enabled

/// The job queue's figures for docs/BENCHMARKS.md, run on their own (they
/// load the database): `ATTR_JOBS_BENCH=1 swift test --filter JobQueueBenchmarks`.
/// Each prints one `jobs-bench` line; the expectations are only sanity checks.
@Suite("Jobs: benchmarks", .serialized, .enabled(if: benchmarksEnabled, "set ATTR_JOBS_BENCH=1"))
struct JobQueueBenchmarks {
    func runner(_ data: JobsDatabase, kind: String, concurrency: Int, poll: Duration = .seconds(5), _ handler: @escaping @Sendable (JobContext) async throws -> Void) -> JobRunner {
        var configuration = JobRunner.Configuration()
        configuration.pollInterval = poll
        return JobRunner(
            kind: JobKind(name: kind, concurrency: concurrency, handler: handler), queue: data.queue,
            configuration: configuration, logger: JobsDatabase.logger)
    }

    /// `count` jobs of `kind` due now, spread over `tenants`, inserted in bulk.
    func seed(_ data: JobsDatabase, kind: String, tenants: [UUID], count: Int, runAt: Date = Date()) async throws {
        for tenant in tenants {
            try await data.database.withTenant(tenant) { tx in
                try await tx.query(
                    "INSERT INTO jobs (tenant_id, kind, run_at) SELECT app_current_tenant(), $1, $2 FROM generate_series(1, $3) ON CONFLICT DO NOTHING",
                    [kind, runAt, count / tenants.count])
                try await tx.query("SELECT app_job_due($1, $2)", [kind, runAt])
            }
        }
    }

    func running<R>(_ services: [any Service], _ body: () async throws -> R) async throws -> R {
        let group = ServiceGroup(configuration: .init(services: services, logger: JobsDatabase.logger))
        let task = Task { try await group.run() }
        let result = try await body()
        await group.triggerGracefulShutdown()
        try await task.value
        return result
    }

    @Test(arguments: [1, 2])
    func noOpJobsPerSecond(replicas: Int) async throws {
        let kind = "bench-\(UUID().uuidString.prefix(8))"
        let total = 5000
        let probe = RunProbe()
        try await JobsDatabase.with(size: 20) { data in
            var tenants: [UUID] = []
            for _ in 0..<10 { tenants.append(try await data.makeTenant()) }
            try await seed(data, kind: kind, tenants: tenants, count: total)
            var pools: [JobsDatabase] = [data]
            let extra = replicas > 1 ? try await JobsDatabase.makeDetached(size: 20) : nil
            if let extra { pools.append(extra) }
            let runners = pools.map { pool in runner(pool, kind: kind, concurrency: 16) { probe.ran($0.job) } }
            let start = ContinuousClock.now
            try await running(runners) {
                for runner in runners { runner.wake() }
                try await probe.waitForRuns(total, limit: .seconds(600))
            }
            let elapsed = (ContinuousClock.now - start) / .seconds(1)
            await extra?.pool.close()
            print("jobs-bench throughput replicas=\(replicas) jobs=\(total) seconds=\(String(format: "%.2f", elapsed)) jobs_per_second=\(Int(Double(total) / elapsed))")
            #expect(probe.all.count == total)
        }
    }

    @Test func enqueueToStartLatencyWhenIdle() async throws {
        let kind = "bench-\(UUID().uuidString.prefix(8))"
        let started = Mutex<ContinuousClock.Instant?>(nil)
        let probe = RunProbe()
        try await JobsDatabase.with { data in
            let tenant = try await data.makeTenant()
            let worker = runner(data, kind: kind, concurrency: 4, poll: .seconds(30)) { context in
                started.withLock { $0 = ContinuousClock.now }
                probe.ran(context.job)
            }
            let listener = JobListener(connectionString: data.connectionString, runners: [worker], logger: JobsDatabase.logger)
            var samples: [Double] = []
            try await running([worker, listener]) {
                try await data.queue.enqueue(NewJob(kind: kind, runAt: Date()), tenantID: tenant)  // warm-up
                try await probe.waitForRuns(1)
                for _ in 0..<200 {
                    let queued = ContinuousClock.now
                    try await data.queue.enqueue(NewJob(kind: kind, runAt: Date()), tenantID: tenant)
                    try await probe.waitForRuns(1)
                    let start = try #require(started.withLock { $0 })
                    samples.append((start - queued) / .milliseconds(1))
                }
            }
            samples.sort()
            let p50 = samples[samples.count / 2], p99 = samples[Int(Double(samples.count) * 0.99) - 1]
            print("jobs-bench latency samples=\(samples.count) p50_ms=\(String(format: "%.2f", p50)) p99_ms=\(String(format: "%.2f", p99)) (enqueue call to handler start, NOTIFY wake-up, poll 30 s)")
            #expect(p99 < 30_000, "woken by NOTIFY, not by the poll")
        }
    }

    @Test(arguments: [10, 1000])
    func idleTransactionsPerSecond(tenantCount: Int) async throws {
        let kind = "bench-\(UUID().uuidString.prefix(8))"
        try await JobsDatabase.with { data in
            var tenants: [UUID] = []
            for _ in 0..<tenantCount { tenants.append(try await data.makeTenant()) }
            // Every tenant has a job, none due for an hour: job_due has a row per tenant.
            try await seed(data, kind: kind, tenants: tenants, count: tenantCount, runAt: Date().addingTimeInterval(3600))
            let idle = runner(data, kind: kind, concurrency: 4, poll: .seconds(1)) { _ in }
            let window = Duration.seconds(20)
            // The same window without the runner first: autovacuum, statistics and the measurement's own queries.
            _ = try await committed(data, during: .seconds(5))  // the seed's statistics settle
            let baseline = try await committed(data, during: window)
            let withRunner = try await running([idle]) { try await committed(data, during: window) }
            let seconds = window / .seconds(1)
            print(
                "jobs-bench idle tenants=\(tenantCount) poll_s=1 window_s=\(Int(seconds)) transactions_without_runner=\(baseline) "
                    + "with_runner=\(withRunner) runner_per_second=\(String(format: "%.2f", Double(withRunner - baseline) / seconds))")
        }
    }

    /// Transactions the database committed during `window` (the measured window itself, not a synchronisation).
    func committed(_ data: JobsDatabase, during window: Duration) async throws -> Int {
        let before = try await transactions(data)
        try await Task.sleep(for: window)
        return try await transactions(data) - before
    }

    /// Transactions committed in the database so far (the statistics are flushed about once a second).
    func transactions(_ data: JobsDatabase) async throws -> Int {
        try await data.pool.withConnection { session in
            try await session.query("SELECT pg_stat_clear_snapshot()")
            return try await session.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")[0].decode("xact_commit")
        }
    }
}

public import AttributionStore
public import Foundation
public import Jobs
import Logging
import RPCServer
public import Storage

/// Each tenant's pixel alert evaluation as a periodic job of
/// the job queue (kind `pixel_alerts`): a chain of one job per tenant whose
/// alerts are on, each enqueueing its successor at the next tick. Ticks are
/// multiples of `interval` since 1970 (UTC) and a tick is the job's unique
/// key, so every replica (and every save of the alert settings, which seeds
/// the chain) agrees on it: the chain never doubles. A late run enqueues the
/// tick after now: missed ticks collapse. A tenant with no alert on ends its
/// chain; saving settings with one on starts it again.
public struct PixelAlertJob: Sendable {
    public static let kind = "pixel_alerts"
    /// Seconds between a tenant's evaluations.
    public let interval: Int

    public init(interval: Int) {
        precondition(interval > 0, "a periodic job needs an interval")
        self.interval = interval
    }

    /// The first tick after `instant`.
    public func tick(after instant: Date) -> Date {
        let seconds = Double(interval)
        return Date(timeIntervalSince1970: ((instant.timeIntervalSince1970 / seconds).rounded(.down) + 1) * seconds)
    }

    /// The tenant's job at the first tick after `instant`.
    public func job(after instant: Date) -> NewJob {
        let tick = tick(after: instant)
        return NewJob(kind: Self.kind, runAt: tick, uniqueKey: tick.formatted(.iso8601), maxAttempts: retry.maxAttempts)
    }

    /// Starts the tenant's chain in `tx` (the save of its alert settings) when an alert is on.
    public func seed(_ settings: AlertSettings, now: Date, in tx: TenantTransaction) async throws {
        guard settings.anyAlertOn else { return }
        try await JobQueue.enqueue(job(after: now), in: tx)
    }

    var retry: JobRetryPolicy { JobRetryPolicy(maxAttempts: 3, base: .seconds(30), cap: .seconds(interval)) }

    /// The kind as this replica runs it.
    func kind(evaluator: PixelAlertEvaluator, logger: Logger) -> JobKind {
        JobKind(name: Self.kind, concurrency: 4, lease: .seconds(120), retry: retry) { context in
            try await run(context, evaluator: evaluator, logger: logger)
        }
    }

    /// One run: the successor first (so the chain goes on when this run
    /// fails), then the evaluation (each alert it records comes with its
    /// delivery job, `PixelAlertOutbox`).
    func run(_ context: JobContext, evaluator: PixelAlertEvaluator, logger: Logger) async throws {
        let tenant = context.tenantID
        let now = context.now()
        let settings = try await AlertSettingsStore(database: evaluator.database).load(tenantID: tenant)
        if settings.anyAlertOn {
            let tick = context.job.uniqueKey.flatMap { try? Date.ISO8601FormatStyle().parse($0) } ?? now
            try await context.withTransaction { try await JobQueue.enqueue(job(after: max(now, tick)), in: $0) }
        }
        let fired = try await evaluator.evaluate(tenantID: tenant, now: now)
        if !fired.isEmpty {
            logger.notice(
                "pixel accuracy alert recorded",
                metadata: [RPCLogKey.tenant.rawValue: "\(tenant)", PixelsLogKey.platforms.rawValue: "\(fired.joined(separator: ","))"])
        }
    }
}

extension AlertSettings {
    /// Whether any platform's alert is on.
    var anyAlertOn: Bool { Self.platformNames.contains { platform($0).enabled } }
}

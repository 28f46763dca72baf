import AttributionCore
public import AttributionStore
public import Foundation
public import Jobs
public import Storage

/// The job (kind `influencer_reattribution`) that applies a tenant's latest
/// influencer rules to its past orders: in one transaction, under the
/// tenant's attribution lock, it copies the rules matching reads, matches
/// the orders of the last `InfluencerRules.reattributedDays` days again and
/// marks the version applied. One job per rules version is enqueued in the
/// transaction of the change; a job finding its version already applied
/// (an earlier job applied a later version) does nothing.
public enum InfluencerReattributionJob {
    public static let kind = "influencer_reattribution"

    struct Payload: Codable {
        var version: Int64
    }

    /// Starts a new rules version and enqueues its job in `tx`; returns both.
    static func enqueue(now: Date, in tx: TenantTransaction) async throws -> (version: Int64, jobID: UUID?) {
        let version = try await InfluencerRules.bump(in: tx)
        let job = try NewJob(
            kind: kind, payload: Payload(version: version), runAt: now, uniqueKey: "rules-\(version)",
            maxAttempts: retry.maxAttempts)
        switch try await JobQueue.enqueue(job, in: tx) {
        case .inserted(let id): return (version, id)
        case .duplicate: return (version, nil)
        }
    }

    static let retry = JobRetryPolicy(maxAttempts: 10, base: .seconds(5), cap: .seconds(300))

    /// The kind as attrd runs it: one job at a time per replica (each holds
    /// its tenant's attribution lock for a whole pass).
    public static func jobKind() -> JobKind {
        JobKind(name: kind, concurrency: 1, lease: .seconds(300), retry: retry) { context in
            try await run(context)
        }
    }

    /// One run: applies the latest rules if they are not yet applied.
    public static func run(_ context: JobContext) async throws {
        let today = CalendarDay(context.now())
        try await context.withTransaction { tx in
            _ = try await InfluencerRules.apply(today: today, in: tx)
        }
    }
}

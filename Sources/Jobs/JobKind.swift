public import Foundation
public import Storage

/// One kind of job as a module declares it: its name (the `kind` column),
/// how many may run at once on one replica, its lease and retry policy, and
/// the handler that runs one job. A module returns a ``JobRunner`` per kind
/// among its background services.
public struct JobKind: Sendable {
    public var name: String
    /// Jobs of this kind running at once on one replica.
    public var concurrency: Int
    /// How long a claim holds a job without a heartbeat; heartbeats come every third of it.
    public var lease: Duration
    public var retry: JobRetryPolicy
    public var handler: @Sendable (JobContext) async throws -> Void

    public init(
        name: String, concurrency: Int = 4, lease: Duration = .seconds(60), retry: JobRetryPolicy = JobRetryPolicy(),
        handler: @escaping @Sendable (JobContext) async throws -> Void
    ) {
        precondition(concurrency >= 1, "a job kind runs at least one job at a time")
        self.name = name
        self.concurrency = concurrency
        self.lease = lease
        self.retry = retry
        self.handler = handler
    }

    /// A job of this kind, with the kind's attempt limit.
    public func job(payload: PostgresJSON = PostgresJSON(text: "{}"), runAt: Date, uniqueKey: String? = nil) -> NewJob {
        NewJob(kind: name, payload: payload, runAt: runAt, uniqueKey: uniqueKey, maxAttempts: retry.maxAttempts)
    }
}

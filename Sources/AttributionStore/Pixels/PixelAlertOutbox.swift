public import Foundation
public import Jobs
public import Storage

/// Delivers recorded alerts (`pixel_alert_events`) as jobs of the job queue
/// (kind `pixel_alert_delivery`, one job per alert, unique by the alert's
/// id, enqueued in the transaction that records the alert). The queue holds
/// the lease (renewed by the runner's heartbeats), counts the attempts and
/// retries a transient failure with its backoff; this type records each
/// attempt on the alert, for the alert history: `sending` while an attempt
/// runs, then `sent`, `pending` again (a transient failure), or `failed` (a
/// permanent failure, or the last attempt). A Slack channel that was posted
/// to is recorded at once and not posted to again by a later attempt.
/// An alert of a channel this replica cannot send on is snoozed, not
/// dropped: another replica (or this one, configured) sends it later.
public struct PixelAlertOutbox: Sendable {
    public static let kind = "pixel_alert_delivery"
    /// 8 attempts over about two hours (waits of up to 1, 2, 4, 8, 16, 32
    /// and 60 minutes, with the queue's full jitter).
    public static let retry = JobRetryPolicy(maxAttempts: 8, base: .seconds(60), cap: .seconds(3600))
    /// Well beyond one send (30 s at most per message or Slack channel, with
    /// the HTTP client's own quick retries); the runner renews it every third.
    public static let lease: Duration = .seconds(300)

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The payload of a delivery job.
    struct Payload: Codable {
        var alert: UUID
    }

    /// Enqueues the delivery of alert `id`, due at `at`, in `tx` (the
    /// transaction that records the alert), with `maxAttempts` attempts.
    public static func enqueue(
        alert id: UUID, at: Date, maxAttempts: Int = retry.maxAttempts, in tx: TenantTransaction
    ) async throws {
        let job = try NewJob(
            kind: kind, payload: Payload(alert: id), runAt: at, uniqueKey: id.uuidString.lowercased(),
            maxAttempts: maxAttempts)
        try await JobQueue.enqueue(job, in: tx)
    }

    /// Records that `target` received the alert; throws
    /// `PixelAlertClaimLost` when a later attempt (another replica, after
    /// this one's lease expired) has taken the alert over.
    public typealias Progress = @Sendable (_ target: String) async throws -> Void

    /// Sends one alert to its `remainingTargets`, calling `delivered` after
    /// each target that will not need it again. Only errors of `delivered`
    /// may be thrown; send failures are outcomes.
    public typealias Send = @Sendable (PixelAlertEvent, _ delivered: Progress) async throws -> PixelAlertSendOutcome

    /// Where an attempt left its alert.
    public enum Attempt: Sendable, Equatable {
        case sent
        /// Sent or failed for good before (a job enqueued twice, or run after its outcome was recorded).
        case alreadyFinished
    }

    /// The delivery job `context`'s attempt: sends the alert if this replica
    /// has its channel (else snoozes the job for `snooze`), and records the
    /// outcome. Returns when it was sent; throws `JobFailure.permanent` when
    /// it failed for good, `PixelAlertDeliveryFailed` (retried by the queue)
    /// when it failed transiently, `JobSnooze` when snoozed.
    @discardableResult
    public func deliver(_ context: JobContext, channels: Set<String>, snooze: Duration, send: Send) async throws -> Attempt {
        let id = try context.payload(as: Payload.self).alert
        let tenant = context.tenantID
        let channel = try await database.withTenant(tenant, readOnly: true) { tx in
            try await tx.query(
                """
                SELECT channel FROM pixel_alert_events
                WHERE tenant_id = $2 AND id = $1 AND delivery_status IN ('pending', 'sending')
                """, [id, tenant]
            ).first("channel")
        }
        guard let channel else { return .alreadyFinished }
        guard channels.contains(channel) else { throw JobSnooze(after: snooze) }
        guard let alert = try await begin(id, attempt: context.job.attempt, now: context.now(), tenantID: tenant) else {
            return .alreadyFinished
        }
        let outcome = try await send(alert) { target in
            try await recordDelivered(target, of: alert, tenantID: tenant)
        }
        try await finish(alert, outcome, lastAttempt: context.job.isLastAttempt, now: context.now(), tenantID: tenant)
        return .sent
    }
}

/// A transient failure to send an alert: the queue retries it after its backoff.
public struct PixelAlertDeliveryFailed: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

public import Foundation
import Storage

/// A fired accuracy alert as stored (`pixel_alert_events`), with how far its delivery got.
public struct PixelAlertRecord: Sendable, Equatable {
    public var id: UUID
    public var platform: String
    public var accuracyPercent: Decimal
    public var thresholdPercent: Int
    public var windowEnd: Date
    /// `email` or `slack`.
    public var channel: String
    public var targets: [String]
    public var deliveredTargets: [String]
    /// `pending`, `sending`, `sent` or `failed`.
    public var deliveryStatus: String
    public var attempts: Int
    /// The latest failed attempt's error, redacted when it was stored.
    public var deliveryError: String?
    public var createdAt: Date
    public var lastAttemptAt: Date?
    public var sentAt: Date?
    public var nextAttemptAt: Date

    /// The columns `init(row:)` reads, for a SELECT list over
    /// `pixel_alert_events e` joined to its delivery job `d` (`LEFT JOIN
    /// jobs d ON` ``deliveryJoin``): an alert whose job the queue discarded
    /// (its last attempt's replica stopped) shows failed with the job's error;
    /// a pending one its job's next run.
    static let columns = """
        e.id, e.platform, e.accuracy_percent, e.threshold_percent::int AS threshold, e.window_end, e.channel, e.targets,
        e.delivered_targets,
        CASE WHEN e.delivery_status IN ('pending', 'sending') AND d.state IN ('discarded', 'cancelled') THEN 'failed'
            ELSE e.delivery_status END AS delivery_status,
        e.attempts,
        CASE WHEN e.delivery_status IN ('pending', 'sending') AND d.state IN ('discarded', 'cancelled')
            THEN coalesce(d.last_error, e.delivery_error) ELSE e.delivery_error END AS delivery_error,
        e.created_at, e.last_attempt_at, e.sent_at, coalesce(d.run_at, e.created_at) AS next_attempt_at
        """

    /// The join condition of an alert `e` to its delivery job `d` (same tenant, kind and the alert's id as key).
    static let deliveryJoin = """
        d.tenant_id = e.tenant_id AND d.kind = 'pixel_alert_delivery' AND d.unique_key = e.id::text
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        platform = try row.decode("platform")
        accuracyPercent = try row.decode("accuracy_percent")
        thresholdPercent = try row.decode("threshold")
        windowEnd = try row.decode("window_end")
        channel = try row.decode("channel")
        targets = try row.decode("targets")
        deliveredTargets = try row.decode("delivered_targets")
        deliveryStatus = try row.decode("delivery_status")
        attempts = try row.decode("attempts")
        deliveryError = try row.decode("delivery_error")
        createdAt = try row.decode("created_at")
        lastAttemptAt = try row.decode("last_attempt_at")
        sentAt = try row.decode("sent_at")
        nextAttemptAt = try row.decode("next_attempt_at")
    }
}

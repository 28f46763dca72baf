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

    /// The columns `init(row:)` reads, for a SELECT list.
    static let columns = """
        id, platform, accuracy_percent, threshold_percent::int AS threshold, window_end, channel, targets,
        delivered_targets, delivery_status, attempts, delivery_error, created_at, last_attempt_at, sent_at, next_attempt_at
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

public import Foundation
public import Storage

/// Evaluates a tenant's enabled accuracy alerts, as a job of the database
/// job queue (`jobs`, kind `pixel_alerts`): one job row per tenant, claimed
/// with `FOR UPDATE SKIP LOCKED`, so that with several attrd replicas each
/// evaluation runs on exactly one of them; after it, the job is due again
/// `interval` later. An alert that fires is recorded in `pixel_alert_events`
/// (delivery `pending`, due at once: `PixelAlertOutbox` sends it), at most
/// once per platform and hour.
public struct PixelAlertEvaluator: Sendable {
    public static let jobKind = "pixel_alerts"

    public let database: Database
    public let interval: Duration

    public init(database: Database, interval: Duration = .seconds(300)) {
        self.database = database
        self.interval = interval
    }

    /// What one evaluation did.
    public enum Outcome: Sendable, Equatable {
        /// Not due yet, or another replica holds the job.
        case skipped
        /// Evaluated; these platforms' alerts were recorded now.
        case evaluated(fired: [String])
    }

    public func evaluate(tenantID: UUID, now: Date = Date()) async throws -> Outcome {
        try await database.withTenant(tenantID) { tx in
            try await tx.query(
                """
                INSERT INTO jobs (tenant_id, kind, run_at) VALUES (app_current_tenant(), $1, $2)
                ON CONFLICT (tenant_id, kind) WHERE kind = 'pixel_alerts' DO NOTHING
                """, [Self.jobKind, now])
            let claimed = try await tx.query(
                """
                SELECT id FROM jobs WHERE kind = $1 AND run_at <= $2 ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """, [Self.jobKind, now])
            guard let job = claimed.first("id") else { return .skipped }
            let fired = try await Self.fire(now: now, in: tx)
            let seconds = Double(interval.components.seconds)
            try await tx.query(
                """
                UPDATE jobs SET run_at = $2::timestamptz + make_interval(secs => $3), attempts = 0, status = 'queued',
                    locked_at = NULL, locked_by = NULL, last_error = NULL
                WHERE id = $1::uuid
                """, [job, now, Int(seconds)])
            return .evaluated(fired: fired)
        }
    }

    /// Records an alert event for every enabled platform whose accuracy over
    /// the 24 hours before `now` is below its threshold (there being orders).
    static func fire(now: Date, in tx: TenantTransaction) async throws -> [String] {
        let settings = try await AlertSettingsStore.load(in: tx)
        let enabled = AlertSettings.platformNames.filter {
            settings.platform($0).enabled && settings.platform($0).thresholdPercent > 0
        }
        guard !enabled.isEmpty, let channel = settings.channel else { return [] }
        let targets = channel == "email" ? settings.emailRecipients : settings.slackChannels
        var fired: [String] = []
        for activity in try await PixelStatsReader.activity(platforms: enabled, end: now, in: tx) {
            let accuracy = PlatformActivity.percent(activity.matchedOrders, of: activity.orders)
            let threshold = settings.platform(activity.platform).thresholdPercent
            guard activity.orders > 0, accuracy < Double(threshold) else { continue }
            let inserted = try await tx.query(
                """
                INSERT INTO pixel_alert_events
                    (tenant_id, platform, accuracy_percent, threshold_percent, window_end, channel, targets, next_attempt_at)
                VALUES (app_current_tenant(), $1, round($2::numeric, 2), $3, date_trunc('hour', $4::timestamptz), $5, $6, $4)
                ON CONFLICT (tenant_id, platform, window_end) DO NOTHING
                """, [activity.platform, Decimal(accuracy), threshold, now, channel, targets])
            if inserted.affectedRows > 0 { fired.append(activity.platform) }
        }
        return fired
    }
}

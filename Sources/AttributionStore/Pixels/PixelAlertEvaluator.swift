public import Foundation
public import Storage

/// Evaluates a tenant's enabled accuracy alerts. The Pixels module runs it
/// as a periodic job of the job queue (kind `pixel_alerts`, one chain of
/// jobs per tenant with alerts), so with several attrd replicas each
/// evaluation runs on one of them. An alert that fires is recorded in
/// `pixel_alert_events` (delivery `pending`) with its delivery job, due at
/// once (`PixelAlertOutbox`), at most once per platform and hour.
public struct PixelAlertEvaluator: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Evaluates the tenant's alerts as of `now`; returns the platforms whose alerts were recorded now.
    public func evaluate(tenantID: UUID, now: Date = Date()) async throws -> [String] {
        try await database.withTenant(tenantID) { tx in try await Self.fire(now: now, in: tx) }
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
                    (tenant_id, platform, accuracy_percent, threshold_percent, window_end, channel, targets)
                VALUES (app_current_tenant(), $1, round($2::numeric, 2), $3, date_trunc('hour', $4::timestamptz), $5, $6)
                ON CONFLICT (tenant_id, platform, window_end) DO NOTHING
                RETURNING id
                """, [activity.platform, Decimal(accuracy), threshold, now, channel, targets])
            guard let row = inserted.first else { continue }
            try await PixelAlertOutbox.enqueue(alert: try row.decode("id"), at: now, in: tx)
            fired.append(activity.platform)
        }
        return fired
    }
}

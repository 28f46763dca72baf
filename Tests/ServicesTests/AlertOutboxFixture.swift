import AttributionStore
import Pixels
import Foundation
import Jobs
import Storage
import Synchronization
import TestSupport
import Testing

/// Recorded alerts and a clock the test moves, for the delivery tests.
struct AlertOutboxFixture {
    /// A clock that stands still until the test moves it.
    final class Clock: Sendable {
        private let time: Mutex<Date>

        init(_ start: Date = Date()) { time = Mutex(start) }

        var now: Date { time.withLock { $0 } }

        func advance(seconds: Double) { time.withLock { $0.addTimeInterval(seconds) } }

        var read: @Sendable () -> Date { { self.now } }
    }

    /// One stored alert's delivery columns.
    struct Delivery {
        var status: String
        var attempts: Int
        var nextAttemptAt: Date
        var error: String?
        var deliveredTargets: [String]
        var sentAt: Date?
    }

    let data: TenantData
    let tenant: TestTenant

    /// Records an alert (42.5% against 80%) of `platform` with its delivery job due at `at`, as the evaluator does.
    func record(
        channel: String, targets: [String], at: Date, platform: String = "meta", maxAttempts: Int = PixelAlertOutbox.retry.maxAttempts
    ) async throws -> UUID {
        try await data.database.withTenant(tenant.id) { tx in
            try await TenantProvisioner.insertRow(in: tx)
            let rows = try await tx.query(
                """
                INSERT INTO pixel_alert_events
                    (tenant_id, platform, accuracy_percent, threshold_percent, window_end, channel, targets)
                VALUES (app_current_tenant(), $4, 42.5, 80, date_trunc('hour', $1::timestamptz), $2, $3)
                RETURNING id
                """, [at, channel, targets, platform])
            let id: UUID = try rows[0].decode("id")
            try await PixelAlertOutbox.enqueue(alert: id, at: at, maxAttempts: maxAttempts, in: tx)
            return id
        }
    }

    /// The alert's delivery as its history shows it.
    func delivery(_ id: UUID) async throws -> Delivery {
        let alerts = try await PixelAlertHistory(database: data.database).list(platform: nil, after: nil, limit: 100, tenantID: tenant.id)
        let alert = try #require(alerts.first { $0.id == id })
        return Delivery(
            status: alert.deliveryStatus, attempts: alert.attempts, nextAttemptAt: alert.nextAttemptAt, error: alert.deliveryError,
            deliveredTargets: alert.deliveredTargets, sentAt: alert.sentAt)
    }
}

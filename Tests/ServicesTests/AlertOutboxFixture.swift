import AttributionStore
import Foundation
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

    /// Records an alert (42.5% against 80%) of `platform` due at `at`, as the evaluator does.
    func record(channel: String, targets: [String], at: Date, platform: String = "meta") async throws -> UUID {
        try await data.database.withTenant(tenant.id) { tx in
            try await TenantProvisioner.insertRow(in: tx)
            let rows = try await tx.query(
                """
                INSERT INTO pixel_alert_events
                    (tenant_id, platform, accuracy_percent, threshold_percent, window_end, channel, targets, next_attempt_at)
                VALUES (app_current_tenant(), $4, 42.5, 80, date_trunc('hour', $1::timestamptz), $2, $3, $1)
                RETURNING id
                """, [at, channel, targets, platform])
            return try rows[0].decode("id")
        }
    }

    func delivery(_ id: UUID) async throws -> Delivery {
        let rows = try await data.rows(
            tenant,
            """
            SELECT delivery_status, attempts, next_attempt_at, delivery_error, delivered_targets, sent_at
            FROM pixel_alert_events WHERE id = $1
            """, [id])
        let row = try #require(rows.first)
        return Delivery(
            status: try row.decode("delivery_status"), attempts: try row.decode("attempts"),
            nextAttemptAt: try row.decode("next_attempt_at"), error: try row.decode("delivery_error"),
            deliveredTargets: try row.decode("delivered_targets"), sentAt: try row.decode("sent_at"))
    }
}

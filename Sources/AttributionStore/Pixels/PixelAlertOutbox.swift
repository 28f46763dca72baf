public import Foundation
public import Storage

/// Delivers a tenant's pending alert events: each is claimed with `FOR
/// UPDATE SKIP LOCKED` (one replica sends it) and marked `sent` or
/// `failed` with the error in the same transaction. An alert whose channel
/// attrd cannot send on (not configured) stays pending, not dropped.
public struct PixelAlertOutbox: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What `send` made of one alert: nil leaves it pending.
    public typealias Send = @Sendable (PixelAlertEvent) async -> Result<Void, any Error>?

    /// Sends up to `limit` pending alerts; returns (sent, failed).
    public func deliver(tenantID: UUID, limit: Int = 20, send: Send) async throws -> (sent: Int, failed: Int) {
        try await database.withTenant(tenantID) { tx in
            var (sent, failed) = (0, 0)
            let rows = try await tx.query(
                """
                SELECT id, platform, accuracy_percent, threshold_percent::int AS threshold, window_end, channel, targets
                FROM pixel_alert_events WHERE delivery_status = 'pending' ORDER BY created_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """)
            for row in rows {
                let alert = PixelAlertEvent(
                    id: try row.decode("id"), platform: try row.decode("platform"),
                    accuracyPercent: try row.decode("accuracy_percent"), thresholdPercent: try row.decode("threshold"),
                    windowEnd: try row.decode("window_end"), channel: try row.decode("channel"),
                    targets: try row.decode("targets"))
                guard let result = await send(alert) else { continue }
                let error: String?
                switch result {
                case .success: error = nil; sent += 1
                case .failure(let failure): error = String("\(failure)".prefix(2000)); failed += 1
                }
                try await tx.query(
                    "UPDATE pixel_alert_events SET delivery_status = $2, delivery_error = $3 WHERE id = $1",
                    [alert.id, error == nil ? "sent" : "failed", error])
            }
            return (sent, failed)
        }
    }
}

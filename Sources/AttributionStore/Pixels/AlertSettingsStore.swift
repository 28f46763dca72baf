public import Foundation
public import Storage

/// Loads and saves `AlertSettings` (pixel_alert_configs + pixel_alert_channels).
public struct AlertSettingsStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(tenantID: UUID) async throws -> AlertSettings {
        try await database.withTenant(tenantID, readOnly: true) { tx in try await Self.load(in: tx) }
    }

    /// Applies `change` to the stored settings and saves the result, in one
    /// transaction holding the tenant's settings row, so that concurrent
    /// updates of different fields never lose each other. `change` may throw
    /// to refuse the result (nothing is saved). `saved` runs in the same
    /// transaction after the save (the Pixels module enqueues the tenant's
    /// alert evaluation there, so it exists if and only if the save commits).
    public func update(
        tenantID: UUID, _ change: (inout AlertSettings) throws -> Void,
        saved: (AlertSettings, TenantTransaction) async throws -> Void = { _, _ in }
    ) async throws -> AlertSettings {
        try await database.withTenant(tenantID) { tx in
            try await TenantProvisioner.insertRow(in: tx)
            try await tx.query(
                "INSERT INTO pixel_alert_channels (tenant_id) VALUES (app_current_tenant()) ON CONFLICT (tenant_id) DO NOTHING")
            try await tx.query("SELECT 1 FROM pixel_alert_channels WHERE tenant_id = $1 FOR UPDATE", [tenantID])
            var settings = try await Self.load(in: tx)
            try change(&settings)
            try await tx.query(
                """
                UPDATE pixel_alert_channels SET channel = $1, email_recipients = $2, slack_channels = $3, updated_at = now()
                WHERE tenant_id = $4
                """, [settings.channel, settings.emailRecipients, settings.slackChannels, tenantID])
            for name in AlertSettings.platformNames {
                let platform = settings.platform(name)
                try await tx.query(
                    """
                    INSERT INTO pixel_alert_configs (tenant_id, platform, accuracy_threshold, enabled, updated_at)
                    VALUES (app_current_tenant(), $1, $2::numeric / 100, $3, now())
                    ON CONFLICT (tenant_id, platform) DO UPDATE
                        SET accuracy_threshold = EXCLUDED.accuracy_threshold, enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
                    """, [name, platform.thresholdPercent, platform.enabled])
            }
            let stored = try await Self.load(in: tx)
            try await saved(stored, tx)
            return stored
        }
    }

    static func load(in tx: TenantTransaction) async throws -> AlertSettings {
        var settings = AlertSettings.defaults
        let rows = try await tx.query(
            "SELECT platform, enabled, round(accuracy_threshold * 100)::int AS threshold FROM pixel_alert_configs WHERE tenant_id = $1",
            [tx.tenantID])
        for row in rows {
            settings.platforms[try row.decode("platform")] = AlertSettings.Platform(
                enabled: try row.decode("enabled"), thresholdPercent: try row.decode("threshold"))
        }
        if let channels = try await tx.query(
            "SELECT channel, email_recipients, slack_channels, updated_at FROM pixel_alert_channels WHERE tenant_id = $1",
            [tx.tenantID]
        ).first {
            settings.channel = try channels.decode("channel")
            settings.emailRecipients = try channels.decode("email_recipients")
            settings.slackChannels = try channels.decode("slack_channels")
            settings.updatedAt = try channels.decode("updated_at")
        }
        return settings
    }
}

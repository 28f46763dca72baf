public import ServiceKit
public import Storage
import Ingest
import Dashboards
import Influencers
import Pixels

/// The product services attrd serves. Adding a service is adding its module here.
public enum AttrdModules {
    public static let all: [any ServiceModule] = [IngestModule(), PixelsModule(), DashboardsModule(), InfluencersModule()]

    /// Secret columns of tables whose services attrd does not serve yet
    /// (Platforms' credentials, Exports' destinations): key rotation covers
    /// them until their modules declare them.
    static let unservedSecretColumns = [
        SecretColumn(table: "attribution_platform_connections", column: "encrypted_credentials"),
        SecretColumn(table: "attribution_export_configs", column: "encrypted_destination_config"),
    ]

    /// Every column holding sealed secrets: `attrd keys rotate` re-seals them all.
    public static func secretColumns(_ modules: [any ServiceModule] = all) -> [SecretColumn] {
        modules.flatMap(\.secretColumns) + unservedSecretColumns
    }
}

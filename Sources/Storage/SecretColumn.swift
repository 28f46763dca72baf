/// A bytea column holding sealed secrets (``Secrets/SecretBox`` envelopes),
/// keyed by the row's uuid `id`. `attrd keys rotate` re-seals every one.
public struct SecretColumn: Sendable, Hashable {
    public let table: String
    public let column: String

    public static let platformCredentials = SecretColumn(
        table: "attribution_platform_connections", column: "encrypted_credentials")
    public static let exportDestinationConfig = SecretColumn(
        table: "attribution_export_configs", column: "encrypted_destination_config")

    public static let pixelDestinationSecret = SecretColumn(table: "pixel_destinations", column: "sealed_secret")

    /// Every secret column of the schema. A migration adding one adds it here.
    public static let all: [SecretColumn] = [.platformCredentials, .exportDestinationConfig, .pixelDestinationSecret]
}

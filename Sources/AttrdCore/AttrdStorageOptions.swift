public import ArgumentParser
public import Logging
public import Storage
import LayeredConfig

/// The database options beyond `--database-url`: an @OptionGroup of
/// `AttrdOptions`, which `attrd serve` and `attrd keys rotate` share.
public struct AttrdStorageOptions: ParsableArguments {
    @Option(help: "Owner-role connection string; attrd applies migrations with it at start (env: ATTRD_OWNER_DATABASE_URL).")
    public var ownerDatabaseURL: String?

    @Option(help: "Database connections in the pool, 1 to 200 (env: ATTRD_DATABASE_POOL_SIZE; default 10).")
    public var databasePoolSize: String?

    @Option(help: "File of master keys, key-id:base64 lines, current first (env: ATTRD_MASTER_KEY_FILE; or ATTRD_MASTER_KEY).")
    public var masterKeyFile: String?

    public init() {}

    /// The flags given, keyed by flag name.
    var flags: [String: String] {
        let keys = AttrdConfiguration.Keys.self
        let pairs: [(ConfigKey, String?)] = [
            (keys.ownerDatabaseURL, ownerDatabaseURL),
            (keys.databasePoolSize, databasePoolSize), (keys.masterKeyFile, masterKeyFile),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key.flag, $0) } })
    }
}

extension AttrdOptions {
    /// Only what `attrd keys rotate` needs: the application-role URL and the
    /// storage settings, from the same flags, environment and file as `serve`.
    public func resolveStorage(environment: [String: String]) throws -> (database: ConnectionString, settings: AttrdConfiguration.StorageSettings) {
        let layers = try layers(environment: environment)
        let database = try layers.required(
            AttrdConfiguration.Keys.databaseURL, hint: "a PostgreSQL connection string", AttrdConfiguration.connectionString)
        return (database, try AttrdConfiguration.StorageSettings(layers: layers))
    }
}

extension AttrdOptions {
    /// `--log-level` alone, for subcommands that need no TLS material.
    public func resolveLogLevel(environment: [String: String]) throws -> Logger.Level {
        try layers(environment: environment).value(
            AttrdConfiguration.Keys.logLevel, default: .info, AttrdConfiguration.logLevel)
    }
}

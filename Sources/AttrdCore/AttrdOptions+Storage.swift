public import Logging
public import Storage
import LayeredConfig

extension AttrdOptions {
    /// Only what `attrd keys rotate` and `attrd roles` need: the
    /// application-role URL and the storage settings, from the same flags,
    /// environment and file as `serve`.
    public func resolveStorage(environment: [String: String]) throws -> (database: ConnectionString, settings: AttrdConfiguration.StorageSettings) {
        let layers = try layers(environment: environment)
        return (try AttrdSettings.databaseURL.value(in: layers), try AttrdConfiguration.StorageSettings(layers: layers))
    }

    /// `--log-level` alone, for subcommands that need no TLS material.
    public func resolveLogLevel(environment: [String: String]) throws -> Logger.Level {
        try AttrdSettings.logLevel.value(in: layers(environment: environment))
    }
}

public import LayeredConfig
public import Secrets
public import Storage

extension AttrdConfiguration {
    /// The database beyond its application-role URL: the owner role that
    /// migrates, the pool's size, and the master keys that seal secrets.
    public struct StorageSettings: Sendable {
        /// The owner role (runs migrations at start). Without it attrd only
        /// checks that the schema is at the latest migration.
        public var ownerDatabase: ConnectionString?
        /// Connections in the pool, and threads running libpq calls.
        public var poolSize = AttrdSettings.databasePoolSize.defaultValue!
        /// The master keys (current first); nil when none is configured.
        public var masterKeys: Keyring?

        public init(ownerDatabase: ConnectionString? = nil, poolSize: Int = AttrdSettings.databasePoolSize.defaultValue!, masterKeys: Keyring? = nil) {
            self.ownerDatabase = ownerDatabase
            self.poolSize = poolSize
            self.masterKeys = masterKeys
        }

        public static let defaults = StorageSettings()

        public init(layers: ConfigLayers) throws(ConfigurationError) {
            ownerDatabase = try AttrdSettings.ownerDatabaseURL.value(in: layers)
            poolSize = try AttrdSettings.databasePoolSize.value(in: layers)
            masterKeys = try Self.masterKeys(layers)
        }

        /// From `--master-key-file` (a file of `key-id:base64` lines), else the
        /// ATTRD_MASTER_KEY variable (the same, comma-separated). The key text
        /// never appears in an error: the value shown is "(hidden)".
        static func masterKeys(_ layers: ConfigLayers) throws(ConfigurationError) -> Keyring? {
            let file = AttrdSettings.masterKeyFile, variable = AttrdSettings.masterKey
            if let path = try file.value(in: layers) {
                do {
                    return try Keyring(contentsOfFile: path)
                } catch {
                    throw ConfigurationError(
                        key: file.key, source: layers.raw(file.key)?.source, value: path, reason: error.message)
                }
            }
            guard let text = try variable.value(in: layers) else { return nil }
            do {
                return try Keyring(parsing: text, source: variable.key.environment)
            } catch {
                throw ConfigurationError(key: variable.key, source: .environment, value: "(hidden)", reason: error.message)
            }
        }
    }
}

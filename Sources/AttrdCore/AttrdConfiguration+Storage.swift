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
        public var poolSize = 10
        /// The master keys (current first); nil when none is configured.
        public var masterKeys: Keyring?

        public init(ownerDatabase: ConnectionString? = nil, poolSize: Int = 10, masterKeys: Keyring? = nil) {
            self.ownerDatabase = ownerDatabase
            self.poolSize = poolSize
            self.masterKeys = masterKeys
        }

        public static let defaults = StorageSettings()
        public static let poolSizes = 1...200

        public init(layers: ConfigLayers) throws(ConfigurationError) {
            let keys = Keys.self
            ownerDatabase = try layers.optional(keys.ownerDatabaseURL, AttrdConfiguration.connectionString)
            poolSize = try layers.value(keys.databasePoolSize, default: 10, ValueParsers.integer(in: Self.poolSizes))
            masterKeys = try Self.masterKeys(layers)
        }

        /// From `--master-key-file` (a file of `key-id:base64` lines), else the
        /// ATTRD_MASTER_KEY variable (the same, comma-separated). The key text
        /// never appears in an error: the value shown is "(hidden)".
        static func masterKeys(_ layers: ConfigLayers) throws(ConfigurationError) -> Keyring? {
            let keys = Keys.self
            if let path = try layers.optional(keys.masterKeyFile, ValueParsers.readableFile) {
                do {
                    return try Keyring(contentsOfFile: path)
                } catch {
                    throw ConfigurationError(
                        key: keys.masterKeyFile, source: layers.raw(keys.masterKeyFile)?.source, value: path,
                        reason: error.message)
                }
            }
            guard let text = layers.environment[keys.masterKey.environment], !text.isEmpty else { return nil }
            do {
                return try Keyring(parsing: text, source: keys.masterKey.environment)
            } catch {
                throw ConfigurationError(key: keys.masterKey, source: .environment, value: "(hidden)", reason: error.message)
            }
        }
    }
}

extension AttrdConfiguration.Keys {
    public static let ownerDatabaseURL = ConfigKey(flag: "owner-database-url", environment: "ATTRD_OWNER_DATABASE_URL")
    public static let databasePoolSize = ConfigKey(flag: "database-pool-size", environment: "ATTRD_DATABASE_POOL_SIZE")
    public static let masterKeyFile = ConfigKey(flag: "master-key-file", environment: "ATTRD_MASTER_KEY_FILE")
    /// Environment only: a key on the command line would show in `ps`.
    public static let masterKey = ConfigKey(flag: "master-key", environment: "ATTRD_MASTER_KEY")
}

public import Integrations
public import LayeredConfig
public import Logging
public import Secrets
public import Storage

/// What attrd shares with every module when it builds it.
public struct ModuleContext: Sendable {
    /// The resolved values of every module's settings (read with the module's declarations).
    public var settings: SettingValues
    /// Tenant transactions on the application role: the only way to tenant data.
    public var database: Database
    /// The application role's connection string, for a connection of the
    /// module's own (LISTEN).
    public var connectionString: ConnectionString
    /// Seals and opens secrets; nil when no master key is configured.
    public var secrets: SecretBox?
    /// Outbound HTTP, SMTP and SFTP: the shared bounded thread pool, and the
    /// CA bundle trusted instead of the system's, if one is configured.
    public var outbound: CurlExecutor
    public var outboundCAFile: String?
    public var logger: Logger

    public init(
        settings: SettingValues, database: Database, connectionString: ConnectionString, secrets: SecretBox?,
        outbound: CurlExecutor, outboundCAFile: String?, logger: Logger
    ) {
        self.settings = settings
        self.database = database
        self.connectionString = connectionString
        self.secrets = secrets
        self.outbound = outbound
        self.outboundCAFile = outboundCAFile
        self.logger = logger
    }
}

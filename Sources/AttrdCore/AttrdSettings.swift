public import LayeredConfig
public import Identity
public import Logging
public import Storage
public import ServiceKit

/// attrd's own settings, beside those of its modules (`AttrdModules`): where
/// it listens, its TLS material, the database, and outbound defaults shared by
/// every module. Each is declared once here; flags, variables, file keys,
/// `--help` and the README's table come from these declarations.
public enum AttrdSettings {
    /// Resolved before the others: it names the file layer.
    public static let config = Setting.optional(
        .attrd("config"), help: "JSON file of settings, keyed by flag name", parse: ValueParsers.nonEmpty)

    public static let listen = Setting(
        .attrd("listen"), default: HostAndPort(host: "127.0.0.1", port: 7443), defaultText: "127.0.0.1:7443",
        allowed: "`HOST:PORT`, IPv6 in brackets", help: "address the RPC server listens on",
        parse: ValueParsers.listenAddress)
    public static let certificate = Setting(
        .attrd("cert"), required: "the server certificate chain (PEM)", help: "server certificate chain, PEM",
        parse: ValueParsers.readableFile)
    public static let privateKey = Setting(
        .attrd("key"), required: "the server private key (PEM)", help: "server private key, PEM",
        parse: ValueParsers.readableFile)
    public static let clientCA = Setting(
        .attrd("ca"), required: "the CA bundle for client certificates (PEM)",
        help: "CA bundle client certificates must chain to, PEM", parse: ValueParsers.readableFile)
    public static let crl = Setting.optional(
        .attrd("crl"), help: "certificate revocation list checked for every client certificate, PEM",
        parse: ValueParsers.readableFile)
    public static let trustDomain = Setting(
        .attrd("trust-domain"), default: AttrdConfiguration.defaultTrustDomain, defaultText: "attribution.local", help: "SPIFFE trust domain of clients",
        parse: AttrdConfiguration.trustDomain)
    public static let logLevel = Setting(
        .attrd("log-level"), default: Logger.Level.info, defaultText: "info", allowed: "`trace` … `critical`", help: "lowest level logged",
        parse: AttrdConfiguration.logLevel)
    public static let tlsMinimumVersion = Setting(
        .attrd("tls-min-version"), default: AttrdConfiguration.RPC.TLSVersion.tls13, defaultText: "1.3",
        allowed: "`1.2` or `1.3`", help: "lowest TLS version accepted"
    ) { (text: String) throws(InvalidValue) in
        guard let version = AttrdConfiguration.RPC.TLSVersion(rawValue: text) else { throw InvalidValue("expected 1.2 or 1.3") }
        return version
    }
    public static let enableInteropService = Setting.boolean(
        .attrd("enable-interop-service"), default: false, help: "also serve `arpc.test.v1.TestService`")
    public static let shutdownGracePeriod = Setting.integer(
        .attrd("shutdown-grace-period"), default: 30, in: 0...3600, help: "seconds calls in flight may run after SIGTERM")
    public static let handlersOnEventLoop = Setting.boolean(
        .attrd("handlers-on-event-loop"), default: true,
        help: "run each connection's calls on its event loop (fewer thread hops; handlers must not block)")

    public static let jobPollInterval = Setting.decimal(
        .attrd("job-poll-interval"), default: 5, in: 0.05...3600,
        help: "seconds between a job runner's claim rounds when no NOTIFY wakes it (the safety net)")
    public static let jobLease = Setting.decimal(
        .attrd("job-lease"), default: 0, in: 0...86_400,
        help: "seconds a claimed job stays leased without a heartbeat (one every third), for every kind; 0: each kind's own")
    public static let jobDrainGrace = Setting.decimal(
        .attrd("job-drain-grace"), default: 20, in: 0...3600,
        help: "seconds running jobs may go on after SIGTERM; then their leases are released to another replica")

    public static let metricsListen = Setting.optional(
        .attrd("metrics-listen"), none: "off", allowed: "`HOST:PORT`",
        help: "serve Prometheus metrics at `http://HOST:PORT/metrics`: plain HTTP, no client certificate, so loopback or a private interface only (docs/SECURITY.md)",
        parse: ValueParsers.listenAddress)

    public static let databaseURL = Setting(
        .attrd("database-url"),
        required: "a PostgreSQL connection string, e.g. postgresql://attr_app@127.0.0.1:55432/attribution",
        help: "libpq connection string (application role)", parse: AttrdConfiguration.connectionString)
    public static let ownerDatabaseURL = Setting.optional(
        .attrd("owner-database-url"),
        help: "owner role: migrations are applied with it at start; without it attrd refuses a schema that lacks a migration",
        parse: AttrdConfiguration.connectionString)
    public static let databasePoolSize = Setting.integer(
        .attrd("database-pool-size"), default: 10, in: 1...200, help: "connections in the pool")
    public static let masterKeyFile = Setting.optional(
        .attrd("master-key-file"),
        help: "master keys sealing secrets at rest: `key-id:base64-32-bytes` lines, current first, mode 600",
        parse: ValueParsers.readableFile)
    public static let masterKey = Setting.optional(
        .attrd("master-key"), environmentOnly: true,
        help: "the same entries, comma-separated (used when no key file is set)", parse: ValueParsers.nonEmpty)

    public static let outboundCAFile = Setting.optional(
        .attrd("outbound-ca-file"), none: "system CAs", help: "CA bundle for outbound HTTPS and SMTPS, PEM",
        parse: ValueParsers.readableFile)
    public static let snapchatOAuthURL = Setting(
        .attrd("snapchat-oauth-url"), default: "https://accounts.snapchat.com",
        help: "Snapchat OAuth base URL, authorization and token", parse: ValueParsers.baseURL)
    public static let pinterestOAuthURL = Setting(
        .attrd("pinterest-oauth-url"), default: "https://www.pinterest.com",
        help: "Pinterest OAuth authorization base URL", parse: ValueParsers.baseURL)
    public static let pinterestAPIURL = Setting(
        .attrd("pinterest-api-url"), default: "https://api.pinterest.com",
        help: "Pinterest API base URL, token endpoint included", parse: ValueParsers.baseURL)
    public static let linkedInOAuthURL = Setting(
        .attrd("linkedin-oauth-url"), default: "https://www.linkedin.com",
        help: "LinkedIn OAuth base URL, authorization and token", parse: ValueParsers.baseURL)

    /// attrd's own settings, in the order `--help` and the README list them.
    public static let core: [any SettingDeclaration] = [
        config, listen, certificate, privateKey, clientCA, crl, databaseURL, ownerDatabaseURL, databasePoolSize,
        masterKeyFile, masterKey, trustDomain, logLevel, tlsMinimumVersion, enableInteropService,
        shutdownGracePeriod, handlersOnEventLoop, jobPollInterval, jobLease, jobDrainGrace, metricsListen, outboundCAFile, snapchatOAuthURL, pinterestOAuthURL,
        pinterestAPIURL, linkedInOAuthURL,
    ]

    /// Every setting: attrd's own, then each module's.
    public static func all(modules: [any ServiceModule] = AttrdModules.all) -> [any SettingDeclaration] {
        core + modules.flatMap(\.settings)
    }
}

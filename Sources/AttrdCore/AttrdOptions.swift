public import ArgumentParser
public import LayeredConfig

/// attrd's command-line options. Every one is optional here: a value left out
/// falls back to its `ATTRD_*` variable, then to the `--config` file.
public struct AttrdOptions: ParsableArguments {
    @Option(help: "JSON file of settings, keyed by flag name (env: ATTRD_CONFIG).")
    public var config: String?

    @Option(help: "Address to listen on, HOST:PORT (env: ATTRD_LISTEN; default 127.0.0.1:7443).")
    public var listen: String?

    @Option(help: "Server certificate chain, PEM (env: ATTRD_CERT).")
    public var cert: String?

    @Option(help: "Server private key, PEM (env: ATTRD_KEY).")
    public var key: String?

    @Option(help: "CA bundle that client certificates must chain to, PEM (env: ATTRD_CA).")
    public var ca: String?

    @Option(help: "Certificate revocation list, PEM (env: ATTRD_CRL).")
    public var crl: String?

    @Option(help: "PostgreSQL connection string (env: ATTRD_DATABASE_URL).")
    public var databaseURL: String?

    @Option(help: "SPIFFE trust domain of client identities (env: ATTRD_TRUST_DOMAIN; default attribution.local).")
    public var trustDomain: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env: ATTRD_LOG_LEVEL; default info).")
    public var logLevel: String?

    @Option(help: "Lowest TLS version accepted, 1.2 or 1.3 (env: ATTRD_TLS_MIN_VERSION; default 1.3).")
    public var tlsMinVersion: String?

    @Option(help: "Also serve arpc.test.v1.TestService, true or false (env: ATTRD_ENABLE_INTEROP_SERVICE; default false).")
    public var enableInteropService: String?

    @Option(help: "Seconds in-flight calls may run after SIGTERM (env: ATTRD_SHUTDOWN_GRACE_PERIOD; default 30).")
    public var shutdownGracePeriod: String?

    @Option(help: "Run calls on their connection's event loop, true or false (env: ATTRD_HANDLERS_ON_EVENT_LOOP; default true).")
    public var handlersOnEventLoop: String?

    @Option(help: "Serve Prometheus metrics over plain HTTP at HOST:PORT/metrics (env: ATTRD_METRICS_LISTEN; default off).")
    public var metricsListen: String?

    /// --owner-database-url, --database-pool-size, --master-key-file.
    @OptionGroup public var storage: AttrdStorageOptions

    /// --ingest-max-batch, --time-decay-half-life-days, --pixel-stream-buffer,
    /// --pixel-alert-interval, --pixel-no-events-hours, --pixel-stitching-drop-points.
    @OptionGroup public var attribution: AttrdAttributionOptions

    /// Outbound base URLs (platforms, Slack, OAuth), --outbound-ca-file, --smtp-url and --smtp-from.
    @OptionGroup public var outbound: AttrdOutboundOptions

    public init() {}

    /// The flags given, keyed by flag name.
    var flags: [String: String] {
        let keys = AttrdConfiguration.Keys.self
        let pairs: [(ConfigKey, String?)] = [
            (keys.listen, listen), (keys.certificate, cert), (keys.privateKey, key), (keys.clientCA, ca),
            (keys.crl, crl), (keys.databaseURL, databaseURL), (keys.trustDomain, trustDomain),
            (keys.logLevel, logLevel), (keys.tlsMinimumVersion, tlsMinVersion),
            (keys.enableInteropService, enableInteropService), (keys.shutdownGracePeriod, shutdownGracePeriod),
            (keys.handlersOnEventLoop, handlersOnEventLoop), (keys.metricsListen, metricsListen),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key.flag, $0) } })
            .merging(storage.flags) { $1 }
            .merging(attribution.flags) { $1 }
            .merging(outbound.flags) { $1 }
    }

    /// Flags over `environment` over the configuration file (`--config` or `ATTRD_CONFIG`), if any.
    public func layers(environment: [String: String]) throws -> ConfigLayers {
        var layers = ConfigLayers(flags: flags, environment: environment)
        let configKey = AttrdConfiguration.Keys.config
        if let path = config ?? environment[configKey.environment].flatMap({ $0.isEmpty ? nil : $0 }) {
            layers.file = try ConfigFile.load(path)
            layers.fileName = path
        }
        return layers
    }

    /// Resolves the configuration from these flags, `environment` and the file.
    public func resolve(environment: [String: String]) throws -> AttrdConfiguration {
        try AttrdConfiguration(layers: layers(environment: environment))
    }
}

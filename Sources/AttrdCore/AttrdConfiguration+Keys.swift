public import LayeredConfig

extension AttrdConfiguration {
    /// The names of each setting: `--flag`, `ATTRD_*` variable and file key.
    public enum Keys {
        public static let config = ConfigKey(flag: "config", environment: "ATTRD_CONFIG")
        public static let listen = ConfigKey(flag: "listen", environment: "ATTRD_LISTEN")
        public static let certificate = ConfigKey(flag: "cert", environment: "ATTRD_CERT")
        public static let privateKey = ConfigKey(flag: "key", environment: "ATTRD_KEY")
        public static let clientCA = ConfigKey(flag: "ca", environment: "ATTRD_CA")
        public static let crl = ConfigKey(flag: "crl", environment: "ATTRD_CRL")
        public static let databaseURL = ConfigKey(flag: "database-url", environment: "ATTRD_DATABASE_URL")
        public static let trustDomain = ConfigKey(flag: "trust-domain", environment: "ATTRD_TRUST_DOMAIN")
        public static let logLevel = ConfigKey(flag: "log-level", environment: "ATTRD_LOG_LEVEL")
        public static let tlsMinimumVersion = ConfigKey(flag: "tls-min-version", environment: "ATTRD_TLS_MIN_VERSION")
        public static let enableInteropService = ConfigKey(
            flag: "enable-interop-service", environment: "ATTRD_ENABLE_INTEROP_SERVICE")
        public static let shutdownGracePeriod = ConfigKey(
            flag: "shutdown-grace-period", environment: "ATTRD_SHUTDOWN_GRACE_PERIOD")
        public static let handlersOnEventLoop = ConfigKey(
            flag: "handlers-on-event-loop", environment: "ATTRD_HANDLERS_ON_EVENT_LOOP")
        public static let metricsListen = ConfigKey(flag: "metrics-listen", environment: "ATTRD_METRICS_LISTEN")
    }
}

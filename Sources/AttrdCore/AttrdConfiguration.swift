public import Identity
public import LayeredConfig
public import Logging
public import Storage

/// Everything attrd needs to start, resolved from flags, `ATTRD_*` environment
/// variables and an optional JSON file (in that order of precedence).
public struct AttrdConfiguration: Sendable {
    /// Where the RPC server listens.
    public var listen: HostAndPort
    /// TLS material: the server's certificate chain and key, the CA bundle
    /// client certificates must chain to, and an optional CRL.
    public var tls: TLSFiles
    /// The PostgreSQL attrd serves requests through (the non-owner application role).
    public var database: ConnectionString
    /// Client certificates must carry a SPIFFE ID in this trust domain.
    public var trustDomain: TrustDomain
    public var logLevel: Logger.Level
    /// Where `/metrics` is served over plain HTTP; nil (the default) serves none.
    public var metricsListen: HostAndPort?
    /// TLS version floor, optional services, shutdown grace period.
    public var rpc = RPC.defaults
    /// The job runners' poll interval, lease override and drain grace (AttrdConfiguration+Jobs.swift).
    public var jobs = Jobs.defaults
    /// The owner role, pool size and master keys (AttrdConfiguration+Storage.swift).
    public var storage = StorageSettings.defaults
    /// The CA bundle for outbound calls and the OAuth providers' base URLs (AttrdConfiguration+Outbound.swift).
    public var outbound = Outbound.defaults
    /// The values of every module's settings (`ServiceModule.settings`),
    /// read with the module's declarations, e.g. `modules[PixelsSettings.streamBuffer]`.
    public var modules = SettingValues()

    public struct TLSFiles: Sendable, Hashable {
        public var certificateChain: String
        public var privateKey: String
        public var clientCA: String
        public var crl: String?

        public init(certificateChain: String, privateKey: String, clientCA: String, crl: String? = nil) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
            self.clientCA = clientCA
            self.crl = crl
        }
    }

    public init(
        listen: HostAndPort = Self.defaultListen,
        tls: TLSFiles,
        database: ConnectionString,
        trustDomain: TrustDomain = Self.defaultTrustDomain,
        logLevel: Logger.Level = .info
    ) {
        self.listen = listen
        self.tls = tls
        self.database = database
        self.trustDomain = trustDomain
        self.logLevel = logLevel
    }

    public static var defaultListen: HostAndPort { AttrdSettings.listen.defaultValue! }
    // The literal is a valid trust domain, so this cannot fail.
    public static let defaultTrustDomain = try! TrustDomain("attribution.local")
}

public import LayeredConfig
import Identity
import Logging
import Storage

extension AttrdConfiguration {
    /// Resolves every setting from `layers`; the error names the first bad or missing option.
    public init(layers: ConfigLayers) throws(ConfigurationError) {
        let file = ValueParsers.readableFile
        self.init(
            listen: try layers.value(Keys.listen, default: Self.defaultListen, ValueParsers.listenAddress),
            tls: TLSFiles(
                certificateChain: try layers.required(Keys.certificate, hint: "the server certificate chain (PEM)", file),
                privateKey: try layers.required(Keys.privateKey, hint: "the server private key (PEM)", file),
                clientCA: try layers.required(Keys.clientCA, hint: "the CA bundle for client certificates (PEM)", file),
                crl: try layers.optional(Keys.crl, file)
            ),
            database: try layers.required(
                Keys.databaseURL,
                hint: "a PostgreSQL connection string, e.g. postgresql://attr_app@127.0.0.1:55432/attribution",
                Self.connectionString
            ),
            trustDomain: try layers.value(Keys.trustDomain, default: Self.defaultTrustDomain, Self.trustDomain),
            logLevel: try layers.value(Keys.logLevel, default: .info, Self.logLevel)
        )
        self.metricsListen = try layers.optional(Keys.metricsListen, ValueParsers.listenAddress)
        self.rpc = try RPC(layers: layers)
        self.storage = try StorageSettings(layers: layers)
        self.attribution = try Attribution(layers: layers)
        self.outbound = try Outbound(layers: layers)
    }

    static func connectionString(_ text: String) throws(InvalidValue) -> ConnectionString {
        do {
            return try ConnectionString(text)
        } catch {
            throw InvalidValue(error.message)
        }
    }

    static func trustDomain(_ text: String) throws(InvalidValue) -> TrustDomain {
        do {
            return try TrustDomain(text)
        } catch {
            throw InvalidValue(error.message)
        }
    }

    static func logLevel(_ text: String) throws(InvalidValue) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw InvalidValue("expected one of \(names)")
        }
        return level
    }
}

public import LayeredConfig
public import ServiceKit
import Identity
import Logging
import Storage

extension AttrdConfiguration {
    /// Resolves attrd's settings and those of `modules` from `layers`; the
    /// error names the first bad or missing option.
    public init(layers: ConfigLayers, modules: [any ServiceModule] = AttrdModules.all) throws(ConfigurationError) {
        typealias S = AttrdSettings
        self.init(
            listen: try S.listen.value(in: layers),
            tls: TLSFiles(
                certificateChain: try S.certificate.value(in: layers), privateKey: try S.privateKey.value(in: layers),
                clientCA: try S.clientCA.value(in: layers), crl: try S.crl.value(in: layers)),
            database: try S.databaseURL.value(in: layers),
            trustDomain: try S.trustDomain.value(in: layers),
            logLevel: try S.logLevel.value(in: layers))
        self.metricsListen = try S.metricsListen.value(in: layers)
        self.rpc = try RPC(layers: layers)
        self.jobs = try Jobs(layers: layers)
        self.storage = try StorageSettings(layers: layers)
        self.outbound = try Outbound(layers: layers)
        self.modules = try SettingValues(resolving: modules.flatMap(\.settings), from: layers)
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

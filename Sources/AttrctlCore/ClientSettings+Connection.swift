import LayeredConfig
import Logging
import RPCClient
import TLS

extension ClientSettings {
    /// A client for the configured server: every connection setting must be
    /// present, and the certificate files readable.
    func makeClient() throws -> RPCClient {
        func require<Value>(_ setting: Setting<Value>?, _ key: ConfigKey, _ what: String) throws(ConfigurationError) -> Value {
            guard let setting else {
                throw ConfigurationError(key: key, source: nil, value: nil,
                                         reason: "\(what) (or a context: attrctl config set-context)")
            }
            return setting.value
        }
        func file(_ setting: Setting<String>?, _ key: ConfigKey, _ what: String) throws(ConfigurationError) -> String {
            let path = try require(setting, key, what)
            do {
                return try ValueParsers.readableFile(path)
            } catch {
                throw ConfigurationError(key: key, source: setting?.source, value: path, reason: error.reason)
            }
        }
        let server = try require(self.server, Keys.server, "the attrd address, HOST:PORT")
        let tls = try TLSContext.client(
            serverName: server.host,
            trustedCA: try file(ca, Keys.ca, "the CA bundle that signed attrd's certificate"),
            certificateChain: try file(certificate, Keys.certificate, "your client certificate"),
            privateKey: try file(privateKey, Keys.privateKey, "your client private key"))
        return RPCClient(
            configuration: RPCClient.Configuration(host: server.host, port: server.port), tls: tls,
            logger: Logger(label: "attrctl", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}

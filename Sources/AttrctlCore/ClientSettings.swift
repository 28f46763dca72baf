public import LayeredConfig

/// How attrctl reaches attrd and prints results, with where each value came from.
public struct ClientSettings: Sendable {
    public var server: Setting<HostAndPort>?
    public var certificate: Setting<String>?
    public var privateKey: Setting<String>?
    public var ca: Setting<String>?
    public var output: Setting<OutputFormat>
    /// The config-file context the settings were read from, if any.
    public var contextName: String?

    /// A value and the layer it came from.
    public struct Setting<Value: Sendable>: Sendable {
        public var value: Value
        public var source: ConfigSource
    }

    public enum Keys {
        public static let server = ConfigKey(flag: "server", environment: "ATTRCTL_SERVER")
        public static let certificate = ConfigKey(flag: "cert", environment: "ATTRCTL_CERT")
        public static let privateKey = ConfigKey(flag: "key", environment: "ATTRCTL_KEY")
        public static let ca = ConfigKey(flag: "ca", environment: "ATTRCTL_CA")
        public static let output = ConfigKey(flag: "output", environment: "ATTRCTL_OUTPUT")
        public static let context = ConfigKey(flag: "context", environment: "ATTRCTL_CONTEXT")
        public static let config = ConfigKey(flag: "config", environment: "ATTRCTL_CONFIG")
    }

    init(layers: ConfigLayers, contextName: String?) throws(ConfigurationError) {
        func setting<Value>(
            _ key: ConfigKey,
            _ parse: (String) throws(InvalidValue) -> Value
        ) throws(ConfigurationError) -> Setting<Value>? {
            guard let source = layers.raw(key)?.source, let value = try layers.optional(key, parse) else { return nil }
            return Setting(value: value, source: source)
        }
        server = try setting(Keys.server, ValueParsers.hostAndPort)
        certificate = try setting(Keys.certificate, ValueParsers.nonEmpty)
        privateKey = try setting(Keys.privateKey, ValueParsers.nonEmpty)
        ca = try setting(Keys.ca, ValueParsers.nonEmpty)
        output = try setting(Keys.output, OutputFormat.parse) ?? Setting(value: .table, source: .defaultValue)
        self.contextName = contextName
    }
}

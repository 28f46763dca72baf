public import ArgumentParser
import LayeredConfig

/// The options every subcommand takes: where the server is, which client
/// certificate to present, and how to print results.
public struct GlobalOptions: ParsableArguments {
    @Option(help: "attrd address, HOST:PORT (env: ATTRCTL_SERVER).")
    public var server: String?

    @Option(help: "Client certificate, PEM (env: ATTRCTL_CERT).")
    public var cert: String?

    @Option(help: "Client private key, PEM (env: ATTRCTL_KEY).")
    public var key: String?

    @Option(help: "CA bundle that the server certificate must chain to, PEM (env: ATTRCTL_CA).")
    public var ca: String?

    @Option(name: [.short, .long], help: "table (fitted to the terminal width), wide (every column, whole values) or json (env: ATTRCTL_OUTPUT; default table).")
    public var output: OutputFormat?

    @Option(help: "Use this context of the config file instead of its current one (env: ATTRCTL_CONTEXT).")
    public var context: String?

    @OptionGroup public var file: ConfigFileOption

    public init() {}

    /// The flags given, keyed by flag name.
    var flags: [String: String] {
        let keys = ClientSettings.Keys.self
        let pairs: [(ConfigKey, String?)] = [
            (keys.server, server), (keys.certificate, cert), (keys.privateKey, key), (keys.ca, ca),
            (keys.output, output?.rawValue),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key.flag, $0) } })
    }

    /// Resolves the settings: flags over `environment` over the selected context.
    public func resolve(environment: [String: String]) throws -> ClientSettings {
        let path = file.path(environment: environment)
        let contexts = try ContextFile.load(path)
        let requested = context ?? environment[ClientSettings.Keys.context.environment].flatMap { $0.isEmpty ? nil : $0 }
        var layers = ConfigLayers(flags: flags, environment: environment)
        var contextName: String?
        if let name = requested ?? contexts.currentContext {
            guard let selected = contexts.context(named: name) else {
                throw ContextFile.Error(path: path, reason: "has no context named '\(name)' (see: attrctl config get-contexts)")
            }
            layers.file = selected.settings
            layers.fileName = "context '\(name)' of \(path)"
            contextName = name
        }
        return try ClientSettings(layers: layers, contextName: contextName)
    }
}

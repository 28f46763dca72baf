public import ArgumentParser
import LayeredConfig

/// `--config`: which attrctl config file to read and write.
public struct ConfigFileOption: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "Config file of named contexts (env: ATTRCTL_CONFIG; default ~/.config/attrctl/config.json)."
    )
    public var explicitPath: String?

    public init() {}

    /// `--config`, then `ATTRCTL_CONFIG`, then the XDG default.
    public func path(environment: [String: String]) -> String {
        if let explicitPath { return explicitPath }
        if let path = environment[ClientSettings.Keys.config.environment], !path.isEmpty { return path }
        return ContextFile.defaultPath(environment: environment)
    }
}

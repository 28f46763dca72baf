public import ArgumentParser
public import LayeredConfig
import ServiceKit

/// attrd's settings on the command line: `--flag value` or `--flag=value` for
/// any declared setting (`AttrdSettings.all()`). A setting left out falls back
/// to its `ATTRD_*` variable, then to the `--config` file, then its default.
public struct AttrdOptions: ParsableArguments {
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Settings as --flag value; see the list below.", valueName: "settings"))
    public var settings: [String] = []

    public init() {}

    /// The `--help` text listing every setting.
    public static var settingsHelp: String {
        "Settings (flag, else environment variable, else --config file, else default):\n"
            + SettingsDocumentation.helpText(AttrdSettings.all())
    }

    public mutating func validate() throws {
        do {
            _ = try flags()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The flags given, keyed by flag name.
    func flags() throws(SettingArgumentError) -> [String: String] {
        try SettingArguments.parse(settings, declarations: AttrdSettings.all())
    }

    /// Flags over `environment` over the configuration file (`--config` or `ATTRD_CONFIG`), if any.
    public func layers(environment: [String: String]) throws -> ConfigLayers {
        var layers = ConfigLayers(flags: try flags(), environment: environment)
        if let path = try AttrdSettings.config.value(in: layers) {
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

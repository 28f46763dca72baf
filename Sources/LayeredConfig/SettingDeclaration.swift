/// What every declared setting tells about itself, whatever its value's type:
/// enough to parse its flag, resolve it from the layers, and document it in
/// `--help` and the README's configuration table.
public protocol SettingDeclaration: Sendable {
    /// Its flag, environment variable and file key.
    var key: ConfigKey { get }
    /// One line on what it does, without the default or the allowed values.
    var help: String { get }
    /// The values it accepts, e.g. `1–200`; nil when `help` says it all.
    var allowed: String? { get }
    /// The default as documented: a value, or words such as `none` or `required`.
    var defaultText: String { get }
    /// Whether `defaultText` is a value (shown as code) rather than words.
    var defaultIsValue: Bool { get }
    /// Read from the environment only (a secret would show in `ps` as a flag,
    /// and would sit in a file readable by more than the service).
    var isEnvironmentOnly: Bool { get }
    /// The value from the highest layer that sets it, else its default;
    /// nil for an optional setting that no layer sets.
    func resolve(_ layers: ConfigLayers) throws(ConfigurationError) -> (any Sendable)?
}

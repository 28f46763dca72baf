/// The layers a setting is looked up in, in order of precedence: command-line
/// flags, then the environment, then a configuration file, then a default.
public struct ConfigLayers: Sendable {
    /// Flag values given on the command line, keyed by `ConfigKey.flag`.
    public var flags: [String: String]
    /// The process environment (or a test's stand-in).
    public var environment: [String: String]
    /// A file's (or a context's) values, keyed by `ConfigKey.fileKey`.
    public var file: [String: String]
    /// How errors name the file layer, e.g. `/etc/attrd.json`.
    public var fileName: String

    public init(
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        file: [String: String] = [:],
        fileName: String = "configuration file"
    ) {
        self.flags = flags
        self.environment = environment
        self.file = file
        self.fileName = fileName
    }

    /// The raw text of `key` from the highest layer that sets it.
    /// An empty environment variable counts as unset.
    public func raw(_ key: ConfigKey) -> (value: String, source: ConfigSource)? {
        if let value = flags[key.flag] { return (value, .flag) }
        if let value = environment[key.environment], !value.isEmpty { return (value, .environment) }
        if let value = file[key.fileKey] { return (value, .file(fileName)) }
        return nil
    }

    /// The parsed value of `key`, or nil when no layer sets it.
    public func optional<Value>(
        _ key: ConfigKey,
        _ parse: (String) throws(InvalidValue) -> Value
    ) throws(ConfigurationError) -> Value? {
        guard let (text, source) = raw(key) else { return nil }
        do {
            return try parse(text)
        } catch {
            throw ConfigurationError(key: key, source: source, value: text, reason: error.reason)
        }
    }

    /// The parsed value of `key`, or `defaultValue` when no layer sets it.
    public func value<Value>(
        _ key: ConfigKey,
        default defaultValue: Value,
        _ parse: (String) throws(InvalidValue) -> Value
    ) throws(ConfigurationError) -> Value {
        try optional(key, parse) ?? defaultValue
    }

    /// The parsed value of `key`, which some layer must set.
    public func required<Value>(
        _ key: ConfigKey,
        hint: String,
        _ parse: (String) throws(InvalidValue) -> Value
    ) throws(ConfigurationError) -> Value {
        guard let value = try optional(key, parse) else {
            throw ConfigurationError(key: key, source: nil, value: nil, reason: hint)
        }
        return value
    }
}

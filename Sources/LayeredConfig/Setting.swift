/// One setting, declared once: its names, default, allowed values, help and
/// parser. The flag, the environment variable, the file key, `--help` and the
/// README's configuration table all come from this declaration.
public struct Setting<Value: Sendable>: SettingDeclaration {
    public let key: ConfigKey
    public let help: String
    public let allowed: String?
    public let defaultText: String
    public let defaultIsValue: Bool
    public let isEnvironmentOnly: Bool
    let fallback: Fallback
    let parse: @Sendable (String) throws(InvalidValue) -> Value

    enum Fallback: Sendable {
        case value(Value)
        /// No default: a value must be given; the hint says what kind.
        case required(hint: String)
    }

    /// A setting with a default; `defaultText` shows it (else its description).
    public init(
        _ key: ConfigKey, default defaultValue: Value, defaultText: String? = nil, allowed: String? = nil,
        environmentOnly: Bool = false, help: String,
        parse: @escaping @Sendable (String) throws(InvalidValue) -> Value
    ) {
        self.init(
            key, default: defaultValue, documented: defaultText ?? "\(defaultValue)", isValue: true, allowed: allowed,
            environmentOnly: environmentOnly, help: help, parse: parse)
    }

    init(
        _ key: ConfigKey, default defaultValue: Value, documented defaultText: String, isValue: Bool, allowed: String?,
        environmentOnly: Bool, help: String, parse: @escaping @Sendable (String) throws(InvalidValue) -> Value
    ) {
        self.key = key
        self.help = help
        self.allowed = allowed
        self.defaultText = defaultText
        self.defaultIsValue = isValue
        self.isEnvironmentOnly = environmentOnly
        self.fallback = .value(defaultValue)
        self.parse = parse
    }

    /// A setting some layer must set; `hint` completes "missing --flag: …".
    public init(
        _ key: ConfigKey, required hint: String, allowed: String? = nil, help: String,
        parse: @escaping @Sendable (String) throws(InvalidValue) -> Value
    ) {
        self.key = key
        self.help = help
        self.allowed = allowed
        self.defaultText = "required"
        self.defaultIsValue = false
        self.isEnvironmentOnly = false
        self.fallback = .required(hint: hint)
        self.parse = parse
    }

    /// The default; nil for a required setting.
    public var defaultValue: Value? {
        if case .value(let value) = fallback { return value }
        return nil
    }

    public func resolve(_ layers: ConfigLayers) throws(ConfigurationError) -> (any Sendable)? {
        try value(in: layers)
    }

    /// The parsed value from the highest layer that sets it, else the default.
    /// An environment-only setting is a secret: an error never shows its value.
    public func value(in layers: ConfigLayers) throws(ConfigurationError) -> Value {
        let found: Value?
        if isEnvironmentOnly {
            do {
                found = try ConfigLayers(environment: layers.environment).optional(key, parse)
            } catch {
                throw ConfigurationError(key: key, source: error.source, value: "(hidden)", reason: error.reason)
            }
        } else {
            found = try layers.optional(key, parse)
        }
        if let found { return found }
        switch fallback {
        case .value(let value): return value
        case .required(let hint): throw ConfigurationError(key: key, source: nil, value: nil, reason: hint)
        }
    }
}

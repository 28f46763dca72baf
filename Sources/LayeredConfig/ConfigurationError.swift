/// A setting with a value that cannot be used, or a required one that is missing.
/// The description names the option, where its value came from, and why.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let key: ConfigKey
    /// Where the bad value came from; nil when the setting is missing.
    public let source: ConfigSource?
    public let value: String?
    public let reason: String

    public init(key: ConfigKey, source: ConfigSource?, value: String?, reason: String) {
        self.key = key
        self.source = source
        self.value = value
        self.reason = reason
    }

    public var description: String {
        guard let source, let value else {
            return "missing \(key): \(reason)"
        }
        let shown = value.count <= 120 ? value : String(value.prefix(120)) + "…"
        switch source {
        case .flag:
            return "invalid value '\(shown)' for --\(key.flag): \(reason)"
        case .environment:
            return "invalid value '\(shown)' in \(key.environment) (--\(key.flag)): \(reason)"
        case .file(let name):
            return "invalid value '\(shown)' for '\(key.fileKey)' in \(name) (--\(key.flag)): \(reason)"
        case .defaultValue:
            return "invalid default '\(shown)' for --\(key.flag): \(reason)"
        }
    }
}

/// Thrown by value parsers; `ConfigLayers` adds which option and layer it was.
public struct InvalidValue: Error, Hashable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

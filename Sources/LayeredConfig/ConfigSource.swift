/// Where a setting's value came from, highest precedence first.
public enum ConfigSource: Hashable, Sendable, CustomStringConvertible {
    case flag
    case environment
    /// A configuration file, or a named context of one; the associated value names it.
    case file(String)
    case defaultValue

    public var description: String {
        switch self {
        case .flag: "command line"
        case .environment: "environment"
        case .file(let name): name
        case .defaultValue: "default"
        }
    }
}

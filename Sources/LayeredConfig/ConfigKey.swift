/// One setting, and the names it goes by in each layer: a command-line flag,
/// an environment variable and a key of a configuration file.
public struct ConfigKey: Hashable, Sendable, CustomStringConvertible {
    /// The long flag without dashes, e.g. `listen` for `--listen`.
    public let flag: String
    /// The environment variable, e.g. `ATTRD_LISTEN`.
    public let environment: String
    /// The key in a configuration file or context, e.g. `listen`.
    public let fileKey: String

    public init(flag: String, environment: String, fileKey: String? = nil) {
        self.flag = flag
        self.environment = environment
        self.fileKey = fileKey ?? flag
    }

    /// The variable is the flag upper-cased after `prefix`: `listen` with
    /// prefix `ATTRD` is `ATTRD_LISTEN`.
    public init(flag: String, environmentPrefix prefix: String) {
        self.init(flag: flag, environment: prefix + "_" + flag.uppercased().replacingDashes())
    }

    /// `--listen (ATTRD_LISTEN)`: how errors name the option.
    public var description: String { "--\(flag) (\(environment))" }
}

extension String {
    fileprivate func replacingDashes() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}

/// The command-line flags of declared settings: `--flag value` or
/// `--flag=value`, in any order; a flag given twice keeps its last value.
public enum SettingArguments {
    /// The flag values in `arguments`, keyed by flag name.
    public static func parse(
        _ arguments: [String], declarations: [any SettingDeclaration]
    ) throws(SettingArgumentError) -> [String: String] {
        let byFlag = Dictionary(declarations.map { ($0.key.flag, $0) }, uniquingKeysWith: { first, _ in first })
        var flags: [String: String] = [:]
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw SettingArgumentError("unexpected argument '\(argument)'")
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard let declaration = byFlag[name] else {
                throw SettingArgumentError(unknown: name, among: Array(byFlag.keys))
            }
            guard !declaration.isEnvironmentOnly else {
                throw SettingArgumentError(
                    "--\(name) is read from \(declaration.key.environment) only: a flag would show in the process list")
            }
            if let equals = body.firstIndex(of: "=") {
                flags[name] = String(body[body.index(after: equals)...])
            } else if let value = remaining.popFirst(), !value.hasPrefix("--") {
                flags[name] = value
            } else {
                throw SettingArgumentError("missing value for --\(name)")
            }
        }
        return flags
    }
}

/// A command line that names an unknown setting or leaves a value out.
public struct SettingArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    init(unknown name: String, among flags: [String]) {
        let near = flags.filter { $0.contains(name) || name.contains($0) }.sorted()
        let hint = near.isEmpty ? "" : "; did you mean \(near.prefix(3).map { "--\($0)" }.joined(separator: ", "))?"
        self.init("unknown option --\(name)\(hint)")
    }
}

/// The declared settings as documentation: the README's configuration table
/// and the settings part of `--help`, both made from the declarations.
public enum SettingsDocumentation {
    /// A Markdown table: flag, environment variable, default, description.
    public static func markdownTable(_ declarations: [any SettingDeclaration]) -> String {
        var lines = ["| flag | environment | default | |", "| --- | --- | --- | --- |"]
        for setting in declarations {
            let flag = setting.isEnvironmentOnly ? "—" : "`--\(setting.key.flag)`"
            let defaultText = setting.defaultIsValue ? "`\(setting.defaultText)`" : setting.defaultText
            lines.append("| \(flag) | `\(setting.key.environment)` | \(defaultText) | \(describe(setting)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One entry per setting, for `--help`: the flag (or variable), what it
    /// does, then where else it is read from and its default.
    public static func helpText(_ declarations: [any SettingDeclaration]) -> String {
        declarations.map { setting in
            let name = setting.isEnvironmentOnly ? setting.key.environment : "--\(setting.key.flag) <value>"
            var source = setting.isEnvironmentOnly ? "environment only" : "env \(setting.key.environment)"
            if setting.defaultIsValue {
                source += ", default \(setting.defaultText)"
            } else if setting.defaultText == "required" {
                source += ", required"
            }
            return "  \(name)\n        \(describe(setting))\n        \(source)"
        }.joined(separator: "\n")
    }

    private static func describe(_ setting: any SettingDeclaration) -> String {
        setting.allowed.map { "\(setting.help) (\($0))" } ?? setting.help
    }
}

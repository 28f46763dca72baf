import LayeredConfig

/// How attrctl prints results: aligned columns for people, JSON for programs.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table
    case json

    static func parse(_ text: String) throws(InvalidValue) -> OutputFormat {
        guard let format = OutputFormat(rawValue: text.lowercased()) else {
            throw InvalidValue("expected table or json")
        }
        return format
    }
}

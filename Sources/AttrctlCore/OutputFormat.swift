import LayeredConfig

/// How attrctl prints results: aligned columns for people (`table` fits the
/// terminal's width, `wide` shows every column and whole values), JSON for
/// programs.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table
    case wide
    case json

    static func parse(_ text: String) throws(InvalidValue) -> OutputFormat {
        guard let format = OutputFormat(rawValue: text.lowercased()) else {
            throw InvalidValue("expected table, wide or json")
        }
        return format
    }

    /// The width a table must fit: the terminal's for `table`, none (nil) for `wide` and `json`.
    var tableWidth: Int? {
        self == .table ? TerminalWidth.current() : nil
    }
}

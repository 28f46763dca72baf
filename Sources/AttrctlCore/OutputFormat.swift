public import ArgumentParser
import LayeredConfig

/// How attrctl prints results: aligned columns for people (`table` fits the
/// terminal's width, `wide` shows every column and whole values), JSON for
/// programs.
public enum OutputFormat: String, Sendable, CaseIterable, ExpressibleByArgument {
    case table
    case wide
    case json

    /// `-o`: a name in any case; ArgumentParser refuses others as a usage error.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

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

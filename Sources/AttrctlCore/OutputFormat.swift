public import ArgumentParser
import LayeredConfig

/// How attrctl prints results: aligned columns for people, JSON for programs.
public enum OutputFormat: String, Sendable, CaseIterable, ExpressibleByArgument {
    case table
    case json

    /// `-o`: a name in any case; ArgumentParser refuses others as a usage error.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    static func parse(_ text: String) throws(InvalidValue) -> OutputFormat {
        guard let format = OutputFormat(rawValue: text.lowercased()) else {
            throw InvalidValue("expected table or json")
        }
        return format
    }
}

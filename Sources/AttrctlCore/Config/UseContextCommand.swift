import ArgumentParser
import Foundation

/// `attrctl config use-context NAME`: make NAME the current context.
struct UseContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use-context",
        abstract: "Make a context the current one."
    )

    @Argument(help: "The context's name.") var name: String
    @OptionGroup var file: ConfigFileOption

    func run() async throws {
        print(try output(environment: ProcessInfo.processInfo.environment))
    }

    func output(environment: [String: String]) throws -> String {
        let path = file.path(environment: environment)
        var contexts = try ContextFile.load(path)
        guard contexts.context(named: name) != nil else {
            throw ContextFile.Error(path: path, reason: "has no context named '\(name)' (see: attrctl config get-contexts)")
        }
        contexts.currentContext = name
        try contexts.save(path)
        return "Switched to context \"\(name)\"."
    }
}

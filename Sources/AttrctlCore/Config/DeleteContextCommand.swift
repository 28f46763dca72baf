import ArgumentParser
import Foundation

/// `attrctl config delete-context NAME`.
struct DeleteContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-context",
        abstract: "Delete a context; the current context is unset if it was this one."
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
            throw ContextFile.Error(path: path, reason: "has no context named '\(name)'")
        }
        contexts.contexts.removeAll { $0.name == name }
        if contexts.currentContext == name { contexts.currentContext = nil }
        try contexts.save(path)
        return "Deleted context \"\(name)\"."
    }
}

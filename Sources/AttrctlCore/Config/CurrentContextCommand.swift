import ArgumentParser
import Foundation

/// `attrctl config current-context`: the name of the context in use.
struct CurrentContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "current-context",
        abstract: "Print the name of the current context."
    )

    @OptionGroup var file: ConfigFileOption

    func run() async throws {
        print(try output(environment: ProcessInfo.processInfo.environment))
    }

    func output(environment: [String: String]) throws -> String {
        let path = file.path(environment: environment)
        guard let name = try ContextFile.load(path).currentContext else {
            throw ContextFile.Error(path: path, reason: "has no current context (see: attrctl config use-context)")
        }
        return name
    }
}

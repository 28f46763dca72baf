import ArgumentParser
import Foundation

/// `attrctl config get-contexts`: every context of the config file.
struct GetContextsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-contexts",
        abstract: "List the contexts of the config file; * marks the current one."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        print(try output(environment: ProcessInfo.processInfo.environment))
    }

    func output(environment: [String: String]) throws -> String {
        let file = try ContextFile.load(global.file.path(environment: environment))
        let format = try global.resolve(environment: environment).output.value
        switch format {
        case .json:
            return try JSONOutput.render(ContextsJSON(currentContext: file.currentContext, contexts: file.contexts))
        case .table, .wide:
            return TableRenderer(
                header: ["current", "name", "server", "cert", "output"],
                rows: file.contexts.map { context in
                    [
                        context.name == file.currentContext ? "*" : "", context.name,
                        context.server ?? "", context.cert ?? "", context.output ?? "",
                    ]
                }
            ).render()
        }
    }
}

/// `get-contexts -o json`: the file's contexts under lowerCamelCase keys
/// (the file itself keeps kubectl's `current-context`).
private struct ContextsJSON: Encodable {
    var currentContext: String?
    var contexts: [ContextFile.Context]
}

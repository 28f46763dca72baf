import ArgumentParser
import Foundation
import LayeredConfig

/// `attrctl config set-context NAME [--server ...]`: create or update a context.
struct SetContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-context",
        abstract: "Create a context, or change the settings given of an existing one.",
        discussion: "Certificate paths are stored as absolute paths."
    )

    @Argument(help: "The context's name.") var name: String
    @Option(help: "attrd address, HOST:PORT.") var server: String?
    @Option(help: "Client certificate, PEM.") var cert: String?
    @Option(help: "Client private key, PEM.") var key: String?
    @Option(help: "CA bundle for the server certificate, PEM.") var ca: String?
    @Option(name: [.short, .long], help: "table, wide or json.") var output: String?
    @Flag(help: "Also make it the current context.") var use = false
    @OptionGroup var file: ConfigFileOption

    func validate() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("context name must be letters, digits, '-', '_' or '.'")
        }
        if let server {
            do { _ = try HostAndPort(parsing: server) } catch { throw ValidationError("--server: \(error.reason)") }
        }
        if let output, OutputFormat(rawValue: output) == nil {
            throw ValidationError("--output: expected table, wide or json")
        }
    }

    func run() async throws {
        print(try output(environment: ProcessInfo.processInfo.environment))
    }

    func output(environment: [String: String]) throws -> String {
        let path = file.path(environment: environment)
        var contexts = try ContextFile.load(path)
        var context = contexts.context(named: name) ?? ContextFile.Context(name: name)
        let created = contexts.context(named: name) == nil
        if let server { context.server = server }
        if let cert { context.cert = Self.absolute(cert) }
        if let key { context.key = Self.absolute(key) }
        if let ca { context.ca = Self.absolute(ca) }
        if let output { context.output = output }
        contexts.contexts.removeAll { $0.name == name }
        contexts.contexts.append(context)
        contexts.contexts.sort { $0.name < $1.name }
        if use { contexts.currentContext = name }
        try contexts.save(path)
        return "\(created ? "Created" : "Modified") context \"\(name)\"\(use ? " and switched to it" : "")."
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }
}

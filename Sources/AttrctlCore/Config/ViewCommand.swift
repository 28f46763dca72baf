import ArgumentParser
import Foundation
import LayeredConfig

/// `attrctl config view`: the settings a command would use, and where each comes from.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Show the effective connection settings and their sources."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        print(try output(environment: ProcessInfo.processInfo.environment))
    }

    func output(environment: [String: String]) throws -> String {
        let settings = try global.resolve(environment: environment)
        let rows: [Row] = [
            Row(setting: "context", value: settings.contextName, source: settings.contextName.map { _ in "config file" }),
            Row(setting: "config", value: global.file.path(environment: environment), source: nil),
            Row(settings.server.map { .init(value: "\($0.value)", source: $0.source) }, named: "server"),
            Row(settings.certificate, named: "cert"),
            Row(settings.privateKey, named: "key"),
            Row(settings.ca, named: "ca"),
            Row(.init(value: settings.output.value.rawValue, source: settings.output.source), named: "output"),
        ]
        switch settings.output.value {
        case .json:
            let object = Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.value.map { (row.setting, $0) } })
            return try JSONOutput.render(object)
        case .table, .wide:
            return TableRenderer(
                header: ["setting", "value", "source"],
                rows: rows.map { [$0.setting, $0.value ?? "(not set)", $0.source ?? ""] }
            ).render()
        }
    }

    private struct Row {
        var setting: String
        var value: String?
        var source: String?

        init(setting: String, value: String?, source: String?) {
            self.setting = setting
            self.value = value
            self.source = source
        }

        init(_ setting: ClientSettings.Setting<String>?, named name: String) {
            self.init(setting: name, value: setting?.value, source: setting.map { "\($0.source)" })
        }
    }
}

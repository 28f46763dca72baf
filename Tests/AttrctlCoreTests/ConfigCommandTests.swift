@testable import AttrctlCore
import ArgumentParser
import Foundation
import TestSupport
import Testing

@Suite("attrctl config")
struct ConfigCommandTests {
    @Test func setUseViewAndDeleteContexts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let environment = ["ATTRCTL_CONFIG": directory.path("nested/config.json")]

        let created = try SetContextCommand.parse(["dev", "--server", "127.0.0.1:7443", "--cert", "relative.crt", "--use"])
        #expect(try created.output(environment: environment) == "Created context \"dev\" and switched to it.")
        _ = try SetContextCommand.parse(["other", "--server", "other:1"]).output(environment: environment)
        #expect(try CurrentContextCommand.parse([]).output(environment: environment) == "dev")

        let file = try ContextFile.load(directory.path("nested/config.json"))
        #expect(file.contexts.map(\.name) == ["dev", "other"])
        let cert = try #require(file.context(named: "dev")?.cert)
        #expect(cert.hasPrefix("/") && cert.hasSuffix("/relative.crt"), "stored absolute: \(cert)")

        let modified = try SetContextCommand.parse(["dev", "-o", "json"]).output(environment: environment)
        #expect(modified == "Modified context \"dev\".")
        #expect(try ContextFile.load(directory.path("nested/config.json")).context(named: "dev")?.server == "127.0.0.1:7443")

        #expect(try UseContextCommand.parse(["other"]).output(environment: environment) == "Switched to context \"other\".")
        let table = try GetContextsCommand.parse(["-o", "table"]).output(environment: environment)
        #expect(table.split(separator: "\n").map { $0.split(separator: " ").first ?? "" } == ["CURRENT", "dev", "*"])

        #expect(try DeleteContextCommand.parse(["other"]).output(environment: environment) == "Deleted context \"other\".")
        #expect(throws: ContextFile.Error.self) { try CurrentContextCommand.parse([]).output(environment: environment) }
        #expect(throws: ContextFile.Error.self) { try UseContextCommand.parse(["other"]).output(environment: environment) }
    }

    @Test func configFileIsPrivateToItsOwner() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("config.json")
        _ = try SetContextCommand.parse(["dev", "--server", "h:1"]).output(environment: ["ATTRCTL_CONFIG": path])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test(arguments: [["bad name", "--server", "h:1"], ["dev", "--server", "nohost"], ["dev", "-o", "yaml"]])
    func setContextValidatesItsArguments(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try SetContextCommand.parse(arguments) }
    }

    @Test func viewShowsEachSettingWithItsSource() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("config.json")
        _ = try SetContextCommand.parse(["dev", "--server", "h:1", "--ca", "/ca.crt", "--use"])
            .output(environment: ["ATTRCTL_CONFIG": path])
        let view = try ViewCommand.parse([]).output(environment: ["ATTRCTL_CONFIG": path, "ATTRCTL_SERVER": "e:2"])
        let rows = Dictionary(uniqueKeysWithValues: view.split(separator: "\n").dropFirst().map { line in
            // Columns are separated by at least three spaces; a cell has at most one in a row.
            let cells = line.components(separatedBy: "   ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return (cells[0], Array(cells.dropFirst()))
        })
        #expect(rows["server"] == ["e:2", "environment"])
        #expect(rows["ca"]?.first == "/ca.crt")
        #expect(rows["cert"] == ["(not set)"])
        #expect(rows["output"] == ["table", "default"])

        let json = try ViewCommand.parse(["-o", "json"]).output(environment: ["ATTRCTL_CONFIG": path])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(object?["server"] == "h:1")
        #expect(object?["context"] == "dev")
    }

    @Test func corruptConfigFileIsReportedNotOverwritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("config.json", #"{"contexts": "nope"}"#)
        do {
            _ = try SetContextCommand.parse(["dev"]).output(environment: ["ATTRCTL_CONFIG": path])
            Issue.record("overwrote a corrupt file")
        } catch let error as ContextFile.Error {
            #expect(error.description.contains("not a valid attrctl config"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"contexts": "nope"}"#)
    }
}

@testable import AttrctlCore
import ArgumentParser
import LayeredConfig
import TestSupport
import Testing

@Suite("attrctl settings: flags over ATTRCTL_* over the context file")
struct ClientSettingsTests {
    /// A config file with two contexts, `dev` current.
    func makeConfig(_ directory: TemporaryDirectory) throws -> String {
        let path = directory.path("config.json")
        var dev = ContextFile.Context(name: "dev")
        dev.server = "127.0.0.1:7443"
        dev.cert = "/dev.crt"
        dev.key = "/dev.key"
        dev.ca = "/ca.crt"
        var staging = ContextFile.Context(name: "staging")
        staging.server = "staging.internal:443"
        staging.output = "json"
        try ContextFile(currentContext: "dev", contexts: [dev, staging]).save(path)
        return path
    }

    @Test func precedence() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let environment = ["ATTRCTL_CONFIG": try makeConfig(directory), "ATTRCTL_CERT": "/env.crt"]

        let fromFile = try GlobalOptions.parse([]).resolve(environment: environment)
        #expect(fromFile.contextName == "dev")
        #expect(fromFile.server?.value == HostAndPort(host: "127.0.0.1", port: 7443))
        #expect(fromFile.server?.source == .file("context 'dev' of \(directory.path("config.json"))"))
        #expect(fromFile.certificate?.value == "/env.crt")
        #expect(fromFile.certificate?.source == .environment)
        #expect(fromFile.output.value == .table)
        #expect(fromFile.output.source == .defaultValue)

        let fromFlags = try GlobalOptions.parse(["--cert", "/flag.crt", "-o", "json", "--server", "[::1]:1"])
            .resolve(environment: environment)
        #expect(fromFlags.certificate?.value == "/flag.crt")
        #expect(fromFlags.certificate?.source == .flag)
        #expect(fromFlags.output.value == .json)
        #expect(fromFlags.server?.value == HostAndPort(host: "::1", port: 1))
    }

    @Test func anotherContextByFlagOrEnvironment() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try makeConfig(directory)
        let byFlag = try GlobalOptions.parse(["--context", "staging", "--config", path]).resolve(environment: [:])
        #expect(byFlag.server?.value.host == "staging.internal")
        #expect(byFlag.output.value == .json)
        #expect(byFlag.certificate == nil, "nothing leaks from the current context")
        let byEnvironment = try GlobalOptions.parse([]).resolve(
            environment: ["ATTRCTL_CONFIG": path, "ATTRCTL_CONTEXT": "staging"])
        #expect(byEnvironment.contextName == "staging")
    }

    @Test func unknownContextIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try makeConfig(directory)
        do {
            _ = try GlobalOptions.parse(["--context", "prod", "--config", path]).resolve(environment: [:])
            Issue.record("resolved an unknown context")
        } catch let error as ContextFile.Error {
            #expect(error.description.contains("no context named 'prod'"))
        }
    }

    @Test func badValuesAreNamedWithTheirSource() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A bad flag value is a usage error (exit 64), naming the choices.
        do {
            _ = try GlobalOptions.parse(["--output", "yaml"])
            Issue.record("accepted -o yaml")
        } catch {
            #expect(AttrctlCommand.exitCode(for: error).rawValue == 64)
            #expect(AttrctlCommand.message(for: error).contains("'table', 'json'") || AttrctlCommand.message(for: error).contains("table"))
        }
        do {
            _ = try GlobalOptions.parse([]).resolve(
                environment: ["ATTRCTL_CONFIG": directory.path("none.json"), "ATTRCTL_OUTPUT": "yaml"])
            Issue.record("accepted ATTRCTL_OUTPUT=yaml")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("'yaml'") && error.description.contains("expected table, wide or json"))
        }
        do {
            _ = try GlobalOptions.parse([]).resolve(
                environment: ["ATTRCTL_CONFIG": directory.path("none.json"), "ATTRCTL_SERVER": "nohost"])
            Issue.record("accepted ATTRCTL_SERVER=nohost")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("in ATTRCTL_SERVER (--server)"))
        }
    }

    @Test func noConfigFileMeansNoContext() throws {
        let settings = try GlobalOptions.parse(["--config", "/nonexistent/attrctl.json"]).resolve(environment: [:])
        #expect(settings.contextName == nil)
        #expect(settings.server == nil)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ContextFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/attrctl/config.json")
        #expect(ContextFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/attrctl/config.json")
    }
}

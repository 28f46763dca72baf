import ArgumentParser
import Testing

@testable import AttrctlCore

/// attrctl's usage errors: each names the flag and exits 64 (EX_USAGE).
struct UsageTests {
    static func usageError(_ arguments: [String]) -> String? {
        do {
            _ = try AttrctlCommand.parseAsRoot(arguments)
            return nil
        } catch {
            guard AttrctlCommand.exitCode(for: error).rawValue == 64 else { return "exit \(AttrctlCommand.exitCode(for: error))" }
            return AttrctlCommand.message(for: error)
        }
    }

    @Test(arguments: [
        (["pixels", "events", "--page-size", "-1"], "--page-size must be 1 to 200"),
        (["pixels", "failures", "--page-size", "-5"], "--page-size must be 1 to 200"),
        (["pixels", "emq", "--days", "-1"], "--days"),
        (["pixels", "retry", "--timeout", "-1", "00000000-0000-0000-0000-000000000001"], "--timeout"),
        (["ingest", "orders", "-f", "x.json", "--batch-size", "-1"], "--batch-size must be 1 to 10000"),
        (["health", "-o", "yaml"], "yaml"),
    ])
    func negativeNumbersAndBadChoicesAreUsageErrors(arguments: [String], says: String) throws {
        let message = try #require(Self.usageError(arguments))
        #expect(message.contains(says), "\(message)")
        #expect(!message.contains("Missing value"))
    }

    @Test func defaultsAreShownOnceInHelp() {
        for command in [PixelsRetryCommand.self, IngestOrdersCommand.self] as [any ParsableCommand.Type] {
            let help = AttrctlCommand.helpMessage(for: command)
            #expect(!help.contains("(default 120)") && !help.contains("(default 500"), "\(help)")
            #expect(help.contains("(default: "))
        }
    }

    @Test func versionIsAFlag() {
        do {
            _ = try AttrctlCommand.parseAsRoot(["--version"])
            Issue.record("--version parsed as a command")
        } catch {
            #expect(AttrctlCommand.exitCode(for: error) == .success)
            #expect(AttrctlCommand.fullMessage(for: error) == "attrctl \(AttrctlCommand.version) (ARPC/1, attribution.v1)")
        }
    }
}

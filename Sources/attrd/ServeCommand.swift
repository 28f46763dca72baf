import ArgumentParser
import AttrdCore
import Foundation
import Logging

/// `attrd serve` (the default): applies migrations, then serves until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve RPCs (the default when no subcommand is given).",
        discussion: AttrdOptions.settingsHelp
    )

    @OptionGroup var options: AttrdOptions

    func run() async throws {
        let configuration = try options.resolve(environment: ProcessInfo.processInfo.environment)
        let logger = bootstrapLogging(level: configuration.logLevel)
        do {
            try await AttrdApplication(configuration: configuration, logger: logger).runUntilSignalled()
        } catch {
            logger.critical("attrd cannot start", metadata: Logger.Metadata([.error: "\(error)"]))
            throw ExitCode.failure
        }
    }
}

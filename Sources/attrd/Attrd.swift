import ArgumentParser
import AttrdCore
import Foundation
import Logging

/// attrd: the attribution-integrations server.
@main
struct Attrd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attrd",
        abstract: "The attribution-integrations RPC server (mutual TLS, PostgreSQL)."
    )

    @OptionGroup var options: AttrdOptions

    func run() async throws {
        let configuration = try options.resolve(environment: ProcessInfo.processInfo.environment)
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "attrd")
        do {
            try await AttrdApplication(configuration: configuration, logger: logger).runUntilSignalled()
        } catch {
            logger.critical("attrd cannot start", metadata: Logger.Metadata([.error: "\(error)"]))
            throw ExitCode.failure
        }
    }
}

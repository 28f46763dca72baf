import ArgumentParser
import AttrdCore
import Foundation
import Logging
import Storage

/// How a server-side command on the database runs (`attrd roles`, `attrd
/// jobs`): attrd's storage settings, its logging, the body's output printed;
/// a failure logged and exit status 1.
enum DatabaseCommand {
    static func run(
        _ options: AttrdOptions, name: String,
        _ body: (ConnectionString, AttrdConfiguration.StorageSettings, Logger) async throws -> String
    ) async throws {
        let environment = ProcessInfo.processInfo.environment
        let (database, settings) = try options.resolveStorage(environment: environment)
        let logger = bootstrapLogging(level: try options.resolveLogLevel(environment: environment))
        do {
            print(try await body(database, settings, logger))
        } catch {
            logger.error("\(name): \(error)")
            throw ExitCode.failure
        }
    }
}

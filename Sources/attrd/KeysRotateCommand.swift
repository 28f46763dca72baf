import ArgumentParser
import AttrdCore
import Foundation
import Logging

/// `attrd keys rotate`: re-seals every secret under the current master key
/// (the first of the key file), so the older keys can then be retired.
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Re-encrypt every stored secret with the current master key.",
        discussion: "Put the new key first in the master key file, keep the old ones after it, and restart "
            + "every attrd with that file. Then run this; once it reports every secret re-sealed, "
            + "the old keys may be removed from the file."
    )

    @OptionGroup var options: AttrdOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let (database, settings) = try options.resolveStorage(environment: environment)
        let level = try options.resolveLogLevel(environment: environment)
        let logger = bootstrapLogging(level: level)
        do {
            print(try await AttrdKeys.rotate(database: database, settings: settings, logger: logger))
        } catch {
            logger.critical("key rotation failed", metadata: Logger.Metadata([.error: "\(error)"]))
            throw ExitCode.failure
        }
    }
}

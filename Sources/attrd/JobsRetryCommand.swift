import ArgumentParser
import AttrdCore
import Foundation

struct JobsRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Make a job that is not running available now (one more attempt if it had none left).")

    @Argument(help: "The job's UUID.") var id: String
    @OptionGroup var options: AttrdOptions

    func validate() throws {
        guard UUID(uuidString: id) != nil else { throw ValidationError("ID must be a UUID") }
    }

    func run() async throws {
        try await DatabaseCommand.run(options, name: "jobs retry") { database, settings, logger in
            try await AttrdJobs.retry(UUID(uuidString: id)!, database: database, settings: settings, logger: logger)
        }
    }
}

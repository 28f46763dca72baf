import ArgumentParser
import AttrdCore
import Foundation

struct JobsCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a job that has not finished (a running one at its next heartbeat).")

    @Argument(help: "The job's UUID.") var id: String
    @OptionGroup var options: AttrdOptions

    func validate() throws {
        guard UUID(uuidString: id) != nil else { throw ValidationError("ID must be a UUID") }
    }

    func run() async throws {
        try await DatabaseCommand.run(options, name: "jobs cancel") { database, settings, logger in
            try await AttrdJobs.cancel(UUID(uuidString: id)!, database: database, settings: settings, logger: logger)
        }
    }
}

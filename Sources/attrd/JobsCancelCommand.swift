import ArgumentParser
import AttrdCore

struct JobsCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a job that has not finished (a running one at its next heartbeat).")

    @OptionGroup var job: JobIDArgument
    @OptionGroup var options: AttrdOptions

    func run() async throws {
        try await DatabaseCommand.run(options, name: "jobs cancel") { database, settings, logger in
            try await AttrdJobs.cancel(job.uuid, database: database, settings: settings, logger: logger)
        }
    }
}

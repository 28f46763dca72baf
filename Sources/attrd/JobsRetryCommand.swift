import ArgumentParser
import AttrdCore

struct JobsRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Make a job that is not running available now (one more attempt if it had none left).")

    @OptionGroup var job: JobIDArgument
    @OptionGroup var options: AttrdOptions

    func run() async throws {
        try await DatabaseCommand.run(options, name: "jobs retry") { database, settings, logger in
            try await AttrdJobs.retry(job.uuid, database: database, settings: settings, logger: logger)
        }
    }
}

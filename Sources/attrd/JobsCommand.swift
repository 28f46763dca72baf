import ArgumentParser

/// `attrd jobs list|retry|cancel`: the durable job queue (docs/ARCHITECTURE.md, "Jobs").
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List, retry and cancel background jobs.",
        subcommands: [JobsListCommand.self, JobsRetryCommand.self, JobsCancelCommand.self]
    )
}

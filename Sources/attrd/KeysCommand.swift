import ArgumentParser

/// `attrd keys ...`: the master keys that seal secrets at rest.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the master keys that seal secrets at rest.",
        subcommands: [KeysRotateCommand.self]
    )
}

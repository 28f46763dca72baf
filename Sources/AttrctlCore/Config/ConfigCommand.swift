import ArgumentParser

/// `attrctl config ...`: named contexts in the config file.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show and edit connection contexts.",
        subcommands: [
            ViewCommand.self, GetContextsCommand.self, CurrentContextCommand.self,
            UseContextCommand.self, SetContextCommand.self, DeleteContextCommand.self,
        ]
    )
}

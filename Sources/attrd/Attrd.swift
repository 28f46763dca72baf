import ArgumentParser

/// attrd: the attribution-integrations server. `attrd` alone serves.
@main
struct Attrd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attrd",
        abstract: "The attribution-integrations RPC server (mutual TLS, PostgreSQL).",
        subcommands: [ServeCommand.self, KeysCommand.self, RolesCommand.self, JobsCommand.self, SettingsCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

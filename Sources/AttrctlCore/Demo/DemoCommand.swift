import ArgumentParser

/// `attrctl demo seed|dashboard`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demo data for trying attrd out.",
        subcommands: [DemoSeedCommand.self, DemoDashboardCommand.self]
    )
}

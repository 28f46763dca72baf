import ArgumentParser

/// `attrctl pixels alerts get|set`: the tenant's accuracy alert configuration.
struct PixelsAlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show or change the accuracy alert configuration.",
        subcommands: [PixelsAlertsGetCommand.self, PixelsAlertsSetCommand.self]
    )
}

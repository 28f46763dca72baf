import ArgumentParser

/// `attrctl pixels alerts get|set|history`: the tenant's accuracy alert configuration and the alerts that fired.
struct PixelsAlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show or change the accuracy alert configuration; list the alerts that fired.",
        subcommands: [PixelsAlertsGetCommand.self, PixelsAlertsSetCommand.self, PixelsAlertsHistoryCommand.self]
    )
}

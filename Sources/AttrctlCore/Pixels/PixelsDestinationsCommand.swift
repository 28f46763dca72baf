import ArgumentParser

/// `attrctl pixels destinations list|set|delete`: where retries deliver each platform's events.
struct PixelsDestinationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destinations",
        abstract: "Show, set or delete where retried events are delivered (pixel id and secret per platform).",
        subcommands: [PixelsDestinationsListCommand.self, PixelsDestinationsSetCommand.self, PixelsDestinationsDeleteCommand.self]
    )
}

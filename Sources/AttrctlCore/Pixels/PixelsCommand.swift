import ArgumentParser

/// `attrctl pixels ...`: pixel monitoring (attribution.v1.Pixels).
struct PixelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pixels",
        abstract: "Pixel monitoring: stats, the event log and live stream, alerts, EMQ, failures and retry.",
        discussion: "Tables by default; -o json prints each response in the protobuf JSON mapping.",
        subcommands: [
            PixelsStatsCommand.self, PixelsEventsCommand.self, PixelsTailCommand.self, PixelsAlertsCommand.self,
            PixelsEmqCommand.self, PixelsFailuresCommand.self, PixelsRetryCommand.self, PixelsDestinationsCommand.self,
        ]
    )
}

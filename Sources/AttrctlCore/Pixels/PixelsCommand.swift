import ArgumentParser

/// `attrctl pixels ...`: pixel monitoring (attribution.v1.Pixels).
struct PixelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pixels",
        abstract: "Pixel monitoring: live events.",
        subcommands: [PixelsTailCommand.self]
    )
}

import Protos

/// An AlertConfig as `attrctl pixels alerts get|set` print it: a table of platforms, then the channel and targets.
enum AlertConfigTable {
    static func render(_ config: Attribution_V1_AlertConfig) -> String {
        let table = TableRenderer(
            header: ["platform", "enabled", "threshold"],
            rows: config.platforms.map { entry in
                [
                    EnumNames.name(entry.platform),
                    entry.enabled ? "on" : "off",
                    "\(entry.accuracyThresholdPercent)%",
                ]
            })
        func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ", ") }
        return [
            table.render(),
            "",
            "channel:  \(EnumNames.name(config.channel, EnumNames.channels))",
            "email:    \(list(config.emailRecipients))",
            "slack:    \(list(config.slackChannels))",
            "updated:  \(config.hasUpdateTime ? PixelFormat.time(config.updateTime) : "never (defaults)")",
        ].joined(separator: "\n")
    }
}

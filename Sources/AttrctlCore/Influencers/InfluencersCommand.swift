import ArgumentParser

/// `attrctl influencers list|get|create|update|metrics|delete`: the tenant's influencers and their attributed performance.
struct InfluencersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "influencers",
        abstract: "List and show influencers with their attributed metrics; create, change and delete them.",
        subcommands: [
            InfluencersListCommand.self, InfluencersGetCommand.self, InfluencersCreateCommand.self, InfluencersUpdateCommand.self,
            InfluencersMetricsCommand.self, InfluencersDeleteCommand.self,
        ]
    )
}

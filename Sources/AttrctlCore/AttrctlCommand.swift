public import ArgumentParser

/// `attrctl`: the administrators' command-line tool for attrd.
public struct AttrctlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "attrctl",
        abstract: "Administer the attribution-integrations service.",
        discussion: """
            Connection settings come from flags, then ATTRCTL_* environment variables, then the
            current context of the config file (~/.config/attrctl/config.json or ATTRCTL_CONFIG).
            """,
        version: "attrctl \(version) (ARPC/1, attribution.v1)",
        subcommands: [HealthCommand.self, MethodsCommand.self, IngestCommand.self, PixelsCommand.self, DashboardsCommand.self, MetricsCommand.self, WidgetsCommand.self, InfluencersCommand.self, DemoCommand.self, ConfigCommand.self]
    )

    /// attrctl's release, as `--version` prints it.
    public static let version = "0.1.0"

    public init() {}
}

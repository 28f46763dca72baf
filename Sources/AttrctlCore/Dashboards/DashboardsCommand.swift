import ArgumentParser

/// `attrctl dashboards list|get|create|update|delete|set-default|show`: the caller's custom dashboards.
struct DashboardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboards",
        abstract: "List, show, create, change and delete your dashboards (and see the tenant's shared ones).",
        subcommands: [
            DashboardsListCommand.self, DashboardsGetCommand.self, DashboardsCreateCommand.self, DashboardsUpdateCommand.self,
            DashboardsDeleteCommand.self, DashboardsSetDefaultCommand.self, DashboardsShowCommand.self,
        ]
    )
}

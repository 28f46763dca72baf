import Authorization
public import ServiceKit

/// attribution.v1.Dashboards in attrd: its handlers only: no settings, secrets or background work.
public struct DashboardsModule: ServiceModule {
    public init() {}

    public var name: String { "dashboards" }

    public func makeParts(_ context: ModuleContext) throws -> ModuleParts {
        ModuleParts(rpcServices: [DashboardsService(database: context.database, roles: RoleDirectory(database: context.database))])
    }
}

public import ServiceKit

/// attribution.v1.Influencers in attrd: its handlers and the
/// re-attribution job kind (InfluencerReattributionJob).
public struct InfluencersModule: ServiceModule {
    public init() {}

    public var name: String { "influencers" }

    public func makeParts(_ context: ModuleContext) throws -> ModuleParts {
        ModuleParts(
            rpcServices: [InfluencersService(database: context.database)],
            jobs: [InfluencerReattributionJob.jobKind()])
    }
}

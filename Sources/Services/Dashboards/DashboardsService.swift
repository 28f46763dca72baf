public import AttributionStore
public import Authorization
public import Foundation
public import Protos
public import RPCServer
public import Storage
import ServiceKit
import Wire

/// attribution.v1.Dashboards: each user's custom dashboards, and the
/// tenant's shared ones (dashboards.proto is the reference), widget data and
/// QueryMetrics over AttributionStore's metrics query layer (`MetricsReader`),
/// and the INFLUENCERS source's widgets over its `InfluencerStore` metrics.
public struct DashboardsService: Attribution_V1_DashboardsHandler {
    public let store: DashboardStore
    /// Whether a caller is an admin, who may change other users' shared dashboards.
    public let roles: RoleDirectory
    /// The metrics query layer (AttributionStore's), shared with QueryMetrics.
    public let metrics: MetricsReader
    /// The influencer metrics store (AttributionStore's, Influencers' too) of the INFLUENCERS data source.
    public let influencers: InfluencerStore
    /// GetWidgetData's per-dashboard limit on concurrent widget queries.
    let limiter = ConcurrencyLimiter<DashboardKey>(limit: DashboardsService.concurrentWidgetQueries)
    let now: @Sendable () -> Date

    public init(database: Database, roles: RoleDirectory, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = DashboardStore(database: database)
        self.roles = roles
        self.metrics = MetricsReader(database: database)
        self.influencers = InfluencerStore(database: database)
        self.now = now
    }

    public func listDashboards(
        _ request: Attribution_V1_ListDashboardsRequest, context: ServerContext
    ) async throws -> Attribution_V1_ListDashboardsResponse {
        let user = try Self.user(context)
        let page = try KeysetPage<DashboardStore.Cursor>(
            size: request.pageSize, token: request.pageToken, filters: "dashboards", maximum: 100)
        let fetched = try await store.list(user: user, after: page.after, limit: page.fetchLimit, tenantID: context.tenantID)
        let (rows, next) = page.split(fetched) { DashboardStore.Cursor($0, user: user) }
        var response = Attribution_V1_ListDashboardsResponse()
        response.dashboards = try rows.map { try Attribution_V1_Dashboard($0, caller: user) }
        response.nextPageToken = next
        return response
    }

    public func getDashboard(_ request: Attribution_V1_GetDashboardRequest, context: ServerContext) async throws -> Attribution_V1_GetDashboardResponse {
        let user = try Self.user(context)
        let id = try Validate.uuid(request.id, "id")
        guard let stored = try await store.get(id, user: user, tenantID: context.tenantID) else { throw Self.notFound(id) }
        var response = Attribution_V1_GetDashboardResponse()
        response.dashboard = try Attribution_V1_Dashboard(stored, caller: user)
        return response
    }
}

extension DashboardsService: RegistrableRPCService {}

import Authorization
import Dashboards
import Foundation
import Identity
import Protos
import RPCServer
import Storage
import SwiftProtobuf
import TestSupport
import Testing

/// Dashboards' handler over the test database, called directly as users of
/// a fresh tenant; and the widgets and requests the tests build.
struct DashboardsFixture {
    let tenant: TestTenant
    let service: DashboardsService
    let database: Database

    /// Runs `body` with a fixture whose pool has `connections` connections
    /// (one per concurrent call of a test, so none waits for the pool).
    static func with(
        connections: Int = 2, now: @escaping @Sendable () -> Date = Date.init, _ body: (DashboardsFixture) async throws -> Void
    ) async throws {
        try await TenantData.migrated.value
        let url = try ConnectionString(try #require(TestEnvironment.databaseURL))
        let pool = PostgresPool(configuration: .init(connectionString: url, size: connections), logger: AttrdHarness.quiet)
        let database = Database(pool: pool)
        let fixture = DashboardsFixture(
            tenant: try TestTenant(), service: DashboardsService(database: database, roles: RoleDirectory(database: database), now: now),
            database: database)
        do {
            try await body(fixture)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }

    func context(_ user: String, _ method: String = Attribution_V1_Dashboards.Method.getDashboard, kind: String = "user") throws -> ServerContext {
        try DirectCall.context(tenant, method: method, kind: kind, name: user)
    }

    func create(_ user: String, _ configure: (inout Attribution_V1_Dashboard) -> Void = { _ in }) async throws -> Attribution_V1_Dashboard {
        var request = Attribution_V1_CreateDashboardRequest()
        request.dashboard.name = "Overview"
        configure(&request.dashboard)
        return try await service.createDashboard(request, context: context(user)).dashboard
    }

    func get(_ user: String, _ id: String) async throws -> Attribution_V1_Dashboard {
        var request = Attribution_V1_GetDashboardRequest()
        request.id = id
        return try await service.getDashboard(request, context: context(user)).dashboard
    }

    func list(_ user: String) async throws -> [Attribution_V1_Dashboard] {
        try await service.listDashboards(.init(), context: context(user)).dashboards
    }

    func update(
        _ user: String, _ id: String, _ paths: [String], version: Int64 = 0, overwrite: Bool = false,
        _ configure: (inout Attribution_V1_Dashboard) -> Void = { _ in }
    ) async throws -> Attribution_V1_Dashboard {
        var request = Attribution_V1_UpdateDashboardRequest()
        request.dashboard.id = id
        request.dashboard.version = version
        configure(&request.dashboard)
        request.updateMask.paths = paths
        request.overwrite = overwrite
        return try await service.updateDashboard(request, context: context(user)).dashboard
    }

    func delete(_ user: String, _ id: String) async throws {
        var request = Attribution_V1_DeleteDashboardRequest()
        request.id = id
        _ = try await service.deleteDashboard(request, context: context(user))
    }

    func grantAdmin(_ user: String) async throws {
        try await RoleDirectory(database: database).set(.admin, kind: .user, id: user, tenantID: tenant.id)
    }

    /// A valid widget of `type` (data widgets on channels, last touch, 7 days), placed by the server without x and y.
    static func widget(
        _ id: String, _ type: Attribution_V1_WidgetType = .kpi, x: Int32? = nil, y: Int32? = nil, width: Int32 = 3, height: Int32 = 2
    ) -> Attribution_V1_Widget {
        var widget = Attribution_V1_Widget()
        widget.id = id
        widget.type = type
        widget.x = x ?? 0
        widget.y = y ?? 0
        widget.autoPlace = x == nil && y == nil
        widget.width = width
        widget.height = height
        widget.config.title = "Revenue"
        if type == .text {
            widget.config.markdown = "# Notes"
        } else {
            widget.config.dataSource = .channels
            widget.config.metrics = type == .table ? [.revenue, .conversions, .roas] : [.revenue]
            widget.config.filters.model = .lastTouch
            widget.config.filters.window = .attributionWindow7Days
        }
        return widget
    }
}

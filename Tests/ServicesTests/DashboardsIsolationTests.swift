import Authorization
import Foundation
import Identity
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// Through a real attrd: the user is the certificate's principal, and
/// neither another user of the tenant nor another tenant sees a dashboard
/// that is not theirs (shared ones stay within their tenant). Dashboards'
/// writes are ACCESS_READ with owner checks in the handler: an analyst
/// edits their own dashboards, never another user's shared one.
@Suite("Dashboards: isolation by certificate", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardsIsolationTests {
    @Test func usersAndTenantsSeeOnlyWhatIsTheirsOrSharedWithThem() async throws {
        let tenant = try TestTenant()
        let other = try TestTenant()
        try await Self.grantAdmin(["ana", "bob"], in: tenant)
        try await Self.grantAdmin(["ana"], in: other)
        try await AttrdHarness.withServer { attrd in
            let (own, team) = try await attrd.withDashboards(tenant, as: "ana") { dashboards in
                var request = Attribution_V1_CreateDashboardRequest()
                request.dashboard.name = "Mine"
                request.dashboard.widgets = [DashboardsFixture.widget("kpi")]
                let own = try await dashboards.createDashboard(request).dashboard
                request.dashboard.name = "Team"
                request.dashboard.shared = true
                return (own, try await dashboards.createDashboard(request).dashboard)
            }
            #expect(own.ownerID == "ana" && own.widgets.first?.autoPlace == false, "placed, owned by the certificate's user")

            try await attrd.withDashboards(tenant, as: "bob") { dashboards in
                let listed = try await dashboards.listDashboards(.init()).dashboards
                #expect(listed.map(\.id) == [team.id])
                var get = Attribution_V1_GetDashboardRequest()
                get.id = own.id
                let error = await #expect(throws: RPCError.self) { try await dashboards.getDashboard(get) }
                #expect(error?.code == .notFound)
            }
            try await attrd.withDashboards(tenant, as: "carol") { dashboards in
                let listed = try await dashboards.listDashboards(.init()).dashboards
                #expect(listed.map(\.id) == [team.id], "an analyst reads the shared dashboard only")
            }
            try await attrd.withDashboards(other, as: "ana") { dashboards in
                let listed = try await dashboards.listDashboards(.init()).dashboards
                #expect(listed.isEmpty, "the same user name in another tenant")
                for id in [own.id, team.id] {
                    var delete = Attribution_V1_DeleteDashboardRequest()
                    delete.id = id
                    let error = await #expect(throws: RPCError.self) { try await dashboards.deleteDashboard(delete) }
                    #expect(error?.code == .notFound)
                }
            }
            let denied = try await attrd.withClient(tenant, kind: "service", name: "ingest") { client in
                await #expect(throws: RPCError.self) { try await Attribution_V1_DashboardsClient(client).listDashboards(.init()) }
            }
            #expect(denied?.code == .permissionDenied)
            let still = try await attrd.withDashboards(tenant, as: "ana") { try await $0.listDashboards(.init()).dashboards }
            #expect(Set(still.map(\.id)) == [own.id, team.id])
        }
    }
}

extension DashboardsIsolationTests {
    @Test func analystsEditTheirOwnDashboardsButNotOthersShared() async throws {
        let tenant = try TestTenant()
        try await Self.grantAdmin(["ana"], in: tenant)
        try await AttrdHarness.withServer { attrd in
            let team = try await attrd.withDashboards(tenant, as: "ana") { dashboards in
                var request = Attribution_V1_CreateDashboardRequest()
                request.dashboard.name = "Team"
                request.dashboard.shared = true
                return try await dashboards.createDashboard(request).dashboard
            }
            try await attrd.withDashboards(tenant, as: "carol") { dashboards in
                var create = Attribution_V1_CreateDashboardRequest()
                create.dashboard.name = "Mine"
                create.dashboard.isDefault = true
                let mine = try await dashboards.createDashboard(create).dashboard
                #expect(mine.ownerID == "carol" && mine.isDefault)
                var update = Attribution_V1_UpdateDashboardRequest()
                update.dashboard.id = mine.id
                update.dashboard.name = "Renamed"
                update.updateMask.paths = ["name"]
                update.overwrite = true
                #expect(try await dashboards.updateDashboard(update).dashboard.name == "Renamed")

                update.dashboard.id = team.id
                let denied = await #expect(throws: RPCError.self) { try await dashboards.updateDashboard(update) }
                #expect(denied?.code == .permissionDenied)
                var delete = Attribution_V1_DeleteDashboardRequest()
                delete.id = team.id
                let notDeleted = await #expect(throws: RPCError.self) { try await dashboards.deleteDashboard(delete) }
                #expect(notDeleted?.code == .permissionDenied)
                delete.id = mine.id
                _ = try await dashboards.deleteDashboard(delete)
            }
            let ingest = try await attrd.withClient(tenant, kind: "service", name: "ingest") { client in
                var create = Attribution_V1_CreateDashboardRequest()
                create.dashboard.name = "Nope"
                return await #expect(throws: RPCError.self) { try await Attribution_V1_DashboardsClient(client).createDashboard(create) }
            }
            #expect(ingest?.code == .permissionDenied)
        }
    }

    static func grantAdmin(_ users: [String], in tenant: TestTenant) async throws {
        try await TenantData.with { data in
            for user in users { try await RoleDirectory(database: data.database).set(.admin, kind: .user, id: user, tenantID: tenant.id) }
        }
    }
}

extension AttrdHarness {
    /// A Dashboards client of `tenant`'s user `user`.
    func withDashboards<Result: Sendable>(
        _ tenant: TestTenant, as user: String, _ body: (Attribution_V1_DashboardsClient) async throws -> Result
    ) async throws -> Result {
        try await withClient(tenant, kind: "user", name: user) { try await body(Attribution_V1_DashboardsClient($0)) }
    }
}

import Foundation
import Identity
import Protos
import RPCClient
import Authorization
import ServiceKit
import Storage
import TestSupport
import Testing
import Wire

struct RoleMatrixTests {
    @Test(arguments: [
        ("/arpc.health.v1.Health/Check", [true, true, true]),
        ("/attribution.v1.Ingest/RecordOrders", [true, false, true]),
        ("/attribution.v1.Pixels/GetStats", [true, true, false]),
        ("/attribution.v1.Pixels/StreamEvents", [true, true, false]),
        ("/attribution.v1.Pixels/UpdateAlertConfig", [true, false, false]),
        ("/attribution.v1.Pixels/RetryEvents", [true, false, false]),
        ("/attribution.v1.Pixels/DeleteDestination", [true, false, false]),
        ("/attribution.v1.Pixels/ListAlertEvents", [true, true, false]),
        ("/attribution.v1.Exports/DownloadExport", [true, true, false]),
        ("/attribution.v1.Reports/SendReportNow", [true, false, false]),
        ("/elsewhere.v1.Thing/Get", [false, false, false]),
        ("not a method", [false, false, false]),
        ("attribution.v1.Pixels/GetStats", [true, true, false]),
        ("/attribution.v1.Pixels/", [false, false, false]),
        ("//attribution.v1.Pixels/GetStats", [false, false, false]),
        ("/attribution.v1.Pixels/GetStats/More", [false, false, false]),
        ("/attribution.v1.Ingestion/GetThing", [true, true, false]),
    ] as [(String, [Bool])])
    func matrix(method: String, admin_analyst_ingest: [Bool]) {
        #expect([Role.admin, .analyst, .ingest].map { RoleMatrix.allows($0, method) } == admin_analyst_ingest)
    }

    @Test func defaultsByKind() {
        #expect(Role.default(for: .user) == .analyst)
        #expect(Role.default(for: .service) == .ingest)
    }
}

@Suite("Authorization by role", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct AuthorizationTests {
    static func events() -> Attribution_V1_IngestPixelEventsRequest {
        var request = Attribution_V1_IngestPixelEventsRequest()
        request.events = [Fixtures.event("auth-1")]
        return request
    }

    @Test func anAnalystMayNotIngestUntilGrantedAdmin() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            let denied = try await attrd.withClient(tenant, kind: "user", name: "casey") { client in
                await #expect(throws: RPCError.self) { try await Attribution_V1_IngestClient(client).ingestPixelEvents(Self.events()) }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message == "user casey (role analyst) may not call /attribution.v1.Ingest/IngestPixelEvents; "
                + "roles that may: admin, ingest. An operator grants a role with: attrd roles grant --tenant "
                + "\(tenant.idString) --user casey --role ingest")
            try await TenantData.with { data in
                try await RoleDirectory(database: data.database).set(.admin, kind: .user, id: "robin", tenantID: tenant.id)
            }
            let response = try await attrd.withClient(tenant, kind: "user", name: "robin") { client in
                try await Attribution_V1_IngestClient(client).ingestPixelEvents(Self.events())
            }
            #expect(response.accepted == 1)
        }
    }

    @Test func aServiceGrantedAnalystMayNotIngest() async throws {
        let tenant = try TestTenant()
        try await TenantData.with { data in
            try await RoleDirectory(database: data.database).set(.analyst, kind: .service, id: "dashboards", tenantID: tenant.id)
        }
        try await AttrdHarness.withServer { attrd in
            let denied = try await attrd.withClient(tenant, kind: "service", name: "dashboards") { client in
                await #expect(throws: RPCError.self) { try await Attribution_V1_IngestClient(client).ingestPixelEvents(Self.events()) }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message.hasPrefix("service dashboards (role analyst) may not call") == true)
            #expect(denied?.message.hasSuffix("--service dashboards --role ingest") == true)
            // Health stays open to every principal.
            let health = try await attrd.withClient(tenant, kind: "service", name: "dashboards") { client in
                try await Arpc_Health_V1_HealthClient(client).check(Arpc_Health_V1_HealthCheckRequest())
            }
            #expect(health.status == .serving)
        }
    }
}

import Foundation
import Identity
import Protos
import RPCClient
import Authorization
import Ingest
import Pixels
import RPCServer
import ServiceKit
import Storage
import Synchronization
import TestSupport
import Testing
import Wire

struct RoleMatrixTests {
    @Test(arguments: [
        (MethodAccess.public, [Role.admin, .analyst, .ingest]),
        (.read, [.admin, .analyst]),
        (.write, [.admin]),
        (.ingest, [.admin, .ingest]),
    ])
    func matrix(access: MethodAccess, roles: [Role]) {
        #expect(Role.allCases.filter(access.permits) == roles)
        #expect(access.roles == roles)
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

    /// The roles policy over the access a route carries: the method's name plays no part.
    @Test func aReadNamedLikeNoPrefixIsPermittedForAnAnalyst() async throws {
        let tenant = try TestTenant()
        let analyst = try Principal(
            uri: DevPKI.spiffeID(tenant: tenant.idString, kind: "user", id: "casey"), trustDomain: TrustDomain(DevPKI.trustDomain))
        let search = "/attribution.v1.Reports/SearchReports"
        try await TenantData.with { data in
            let roles = AuthorizationInterceptor.roles(RoleDirectory(database: data.database), logger: AttrdHarness.quiet)
            func call(_ access: MethodAccess?) async throws -> Bool {
                let reached = Mutex(false)
                try await roles.intercept(context: ServerContext(method: search, access: access, principal: analyst)) { _ in
                    reached.withLock { $0 = true }
                }
                return reached.withLock { $0 }
            }
            let reachedTheHandler = try await call(.read)
            #expect(reachedTheHandler)
            await #expect(throws: RPCError(
                code: .permissionDenied,
                message: "user casey (role analyst) may not call \(search); roles that may: admin. An operator grants a role with: "
                    + "attrd roles grant --tenant \(tenant.idString) --user casey --role admin"
            )) { try await call(.write) }
            await #expect(throws: RPCError(
                code: .permissionDenied,
                message: "\(search) declares no access (option (arpc.access.v1.access) in its .proto): nobody may call it"
            )) { try await call(nil) }
        }
    }
}

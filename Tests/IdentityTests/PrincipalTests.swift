import Foundation
import Identity
import Testing

@Suite("Principal from a SPIFFE ID")
struct PrincipalTests {
    let domain = try! TrustDomain("attribution.local")
    let tenant = "7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d"

    @Test func userPrincipal() throws {
        let principal = try Principal(uri: "spiffe://attribution.local/tenant/\(tenant)/user/admin", trustDomain: domain)
        #expect(principal.tenantID == UUID(uuidString: tenant))
        #expect(principal.kind == .user)
        #expect(principal.id == "admin")
        #expect(principal.description == "tenant \(tenant) user admin")
    }

    @Test func servicePrincipalWithUppercaseTenant() throws {
        let principal = try Principal(
            uri: "spiffe://attribution.local/tenant/\(tenant.uppercased())/service/ingest", trustDomain: domain)
        #expect(principal.tenantID == UUID(uuidString: tenant))
        #expect(principal.kind == .service)
        #expect(principal.id == "ingest")
    }

    @Test func foreignTrustDomainIsRefused() {
        do {
            _ = try Principal(uri: "spiffe://elsewhere.example/tenant/\(tenant)/user/admin", trustDomain: domain)
            Issue.record("accepted a foreign trust domain")
        } catch {
            #expect(error.code == .foreignTrustDomain)
            #expect(error.message.contains("elsewhere.example"))
        }
    }

    @Test(
        "paths outside /tenant/<uuid>/(user|service)/<id> are refused",
        arguments: [
            "/tenant/not-a-uuid/user/admin", "/tenant/7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d/admin/x",
            "/tenant/7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d/user", "/tenants/7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d/user/x",
            "/tenant/7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d/user/x/extra", "/workload/x",
            "/tenant/7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d/user/" + String(repeating: "x", count: 129),
        ]
    )
    func unsupportedPaths(_ path: String) {
        do {
            _ = try Principal(uri: "spiffe://attribution.local" + path, trustDomain: domain)
            Issue.record("accepted \(path)")
        } catch {
            #expect(error.code == .unsupportedPath)
        }
    }
}

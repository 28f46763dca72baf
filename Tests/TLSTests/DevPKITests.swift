import Foundation
import Identity
import TLS
import TestSupport
import Testing

/// Each certificate of the dev PKI has the SAN and validity it claims, and
/// OpenSSL's verifier gives each bad one the verdict it was made for.
@Suite("Dev PKI", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run certs/dev-pki.sh or make test"))
struct DevPKITests {
    let verifier: CertificateVerifier
    let verifierWithoutCRL: CertificateVerifier
    let domain = try! TrustDomain(DevPKI.trustDomain)

    init() throws {
        verifier = try CertificateVerifier(caFile: DevPKI.caCertificate, crlFile: DevPKI.crl)
        verifierWithoutCRL = try CertificateVerifier(caFile: DevPKI.caCertificate)
    }

    func certificate(_ name: String) throws -> X509Certificate {
        try #require(try X509Certificate.load(pemFile: DevPKI.path(name + ".crt")).first)
    }

    @Test func serverCertificate() throws {
        let server = try certificate("server")
        #expect(server.subjectAlternativeNames == [.dns("localhost"), .ipAddress("127.0.0.1")])
        #expect(verifier.verify(server, for: .tlsServer).isValid)
        #expect(!verifier.verify(server, for: .tlsClient).isValid, "a server certificate is not a client one")
        _ = try TLSContext.server(
            certificateChain: DevPKI.serverCertificate, privateKey: DevPKI.serverKey,
            clientCA: DevPKI.caCertificate, crl: DevPKI.crl)
    }

    @Test(arguments: [
        ("tenant1-admin", DevPKI.tenant1, Principal.Kind.user, "admin"),
        ("tenant1-analyst", DevPKI.tenant1, .user, "analyst"),
        ("tenant1-ingest", DevPKI.tenant1, .service, "ingest"),
        ("tenant2-admin", DevPKI.tenant2, .user, "admin"),
        ("tenant2-ingest", DevPKI.tenant2, .service, "ingest"),
    ])
    func goodClient(_ name: String, _ tenant: String, _ kind: Principal.Kind, _ id: String) throws {
        let client = try certificate("clients/" + name)
        let expected = DevPKI.spiffeID(tenant: tenant, kind: kind.rawValue, id: id)
        #expect(client.subjectAlternativeNames == [.uri(expected)], "the only SAN is the SPIFFE ID")
        let now = Date()
        #expect(client.notBefore <= now && now < client.notAfter)
        #expect(verifier.verify(client, for: .tlsClient).isValid)
        #expect(!verifier.verify(client, for: .tlsServer).isValid, "client certificates carry clientAuth only")
        let principal = try Principal(uri: expected, trustDomain: domain)
        #expect(principal.tenantID == UUID(uuidString: tenant))
        #expect(principal.kind == kind)
        #expect(principal.id == id)
    }

    @Test func expiredClient() throws {
        let client = try certificate("bad/expired")
        #expect(client.notAfter < Date())
        #expect(verifier.verify(client, for: .tlsClient).code == CertificateVerifier.Verdict.expired)
    }

    @Test func notYetValidClient() throws {
        let client = try certificate("bad/not-yet-valid")
        #expect(client.notBefore > Date())
        #expect(verifier.verify(client, for: .tlsClient).code == CertificateVerifier.Verdict.notYetValid)
    }

    @Test func clientOfAnotherCA() throws {
        let client = try certificate("bad/other-ca")
        #expect(client.uriSubjectAlternativeNames == [DevPKI.spiffeID(tenant: DevPKI.tenant1, kind: "user", id: "admin")])
        #expect(verifier.verify(client, for: .tlsClient).code == CertificateVerifier.Verdict.unknownIssuer)
    }

    @Test func revokedClientIsRefusedOnlyWithTheCRL() throws {
        let client = try certificate("bad/revoked")
        #expect(verifier.verify(client, for: .tlsClient).code == CertificateVerifier.Verdict.revoked)
        #expect(verifierWithoutCRL.verify(client, for: .tlsClient).isValid)
    }

    @Test func clientWithoutURISAN() throws {
        let client = try certificate("bad/no-uri-san")
        #expect(verifier.verify(client, for: .tlsClient).isValid, "it chains; only its identity is missing")
        #expect(client.uriSubjectAlternativeNames.isEmpty)
        #expect(client.subjectAlternativeNames == [.dns("no-uri-san.attribution.local")])
    }

    @Test func clientWithMalformedSPIFFEID() throws {
        let client = try certificate("bad/malformed-spiffe")
        #expect(verifier.verify(client, for: .tlsClient).isValid)
        let uri = try #require(client.uriSubjectAlternativeNames.first)
        #expect(throws: IdentityError.self) { try Principal(uri: uri, trustDomain: domain) }
    }

    @Test func clientWithoutExtendedKeyUsagePassesOpenSSLButNotOurCheck() throws {
        let client = try certificate("bad/no-eku")
        #expect(verifier.verify(client, for: .tlsClient).isValid, "OpenSSL accepts a certificate with no EKU at all")
        #expect(!client.hasClientAuthUsage)
        #expect(try certificate("clients/tenant1-admin").hasClientAuthUsage)
    }

    @Test func clientOfAForeignTrustDomain() throws {
        let client = try certificate("bad/foreign-domain")
        #expect(verifier.verify(client, for: .tlsClient).isValid)
        let uri = try #require(client.uriSubjectAlternativeNames.first)
        do {
            _ = try Principal(uri: uri, trustDomain: domain)
            Issue.record("accepted a foreign trust domain")
        } catch {
            #expect(error.code == .foreignTrustDomain)
        }
    }
}

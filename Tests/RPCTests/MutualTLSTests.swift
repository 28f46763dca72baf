import Protos
import RPCClient
import TestSupport
import Testing
import Wire

/// Every bad client certificate is refused with a clear log line, and good
/// clients keep being served on the same server.
@Suite("Mutual TLS refusals", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct MutualTLSTests {
    @Test(arguments: [
        // certificate, the log line, what it names
        (String?.none, "TLS connection refused", "peer did not return a certificate"),
        ("bad/other-ca", "TLS connection refused", "unable to get local issuer certificate"),
        ("bad/expired", "TLS connection refused", "certificate has expired"),
        ("bad/not-yet-valid", "TLS connection refused", "certificate is not yet valid"),
        ("bad/revoked", "TLS connection refused", "certificate revoked"),
        ("bad/no-uri-san", "client identity refused", "missing URI SAN: the client certificate has no URI SAN"),
        ("bad/malformed-spiffe", "client identity refused", "not-a-uuid"),
        ("bad/foreign-domain", "client identity refused", "elsewhere.example"),
        ("bad/no-eku", "client identity refused", "no clientAuth usage: the client certificate lacks the clientAuth extended key usage"),
    ])
    func badClientIsRefused(_ certificate: String?, _ logLine: String, _ reason: String) async throws {
        try await InteropHarness.withServer { server in
            let refused: Result<Arpc_Test_V1_Empty, any Error> = await Result {
                try await server.withTestClient(certificate) { try await $0.emptyCall(Arpc_Test_V1_Empty()) }
            }
            guard case .failure(let error) = refused else {
                Issue.record("\(certificate ?? "no certificate") was served")
                return
            }
            let code = (error as? RPCError)?.code
            #expect(code == .unavailable || code == .unauthenticated, "\(error)")

            let lines = server.logs.all.filter { $0.message == logLine }
            #expect(lines.count == 1, "one '\(logLine)' line")
            let detail = lines.first.map { $0.metadata.values.joined(separator: " ") } ?? ""
            #expect(detail.contains(reason), "the log line says why: \(detail)")

            let served = try await server.withTestClient { try await $0.echoIdentity(Arpc_Test_V1_Empty()) }
            #expect(served.principalID == "admin")
        }
    }

    @Test func identityRejectionReachesTheClientAsUnauthenticated() async throws {
        try await InteropHarness.withServer { server in
            await #expect(throws: RPCError.self) {
                try await server.withTestClient("bad/foreign-domain") { try await $0.emptyCall(Arpc_Test_V1_Empty()) }
            }
            do {
                _ = try await server.withTestClient("bad/no-uri-san") { try await $0.emptyCall(Arpc_Test_V1_Empty()) }
            } catch let error as RPCError {
                #expect(error.code == .unauthenticated)
                #expect(error.message.contains("rejected this client's identity"))
            }
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

import Foundation
import Protos
import RPCClient
import Storage
import TestSupport
import Testing

/// A platform that quotes the destination's secret in its error answer:
/// the secret shows neither in RetryEvents' results nor in ListFailures,
/// nor in what is stored, in any of the forms it was quoted in.
extension PixelRetryTests {
    @Test func aSecretThePlatformEchoesIsNeverShownOrStored() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        let secrets = ["meta/Echo+Secret_123", "tiktok-echo-secret-456", "ga4EchoSecret789"]
        let forms = secrets.flatMap { [$0, $0.replacingOccurrences(of: "/", with: "\\/"), $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!] }
        try await Self.withFake { attrd, fake in
            let ids = try await Self.failed(attrd, tenant, [("m", .meta), ("t", .tiktok), ("g", .ga4)])
            try await attrd.withPixels(tenant, as: "admin") { pixels in
                _ = try await pixels.setDestination(Self.destination(.meta, "ECHO1", secrets[0]))
                _ = try await pixels.setDestination(Self.destination(.tiktok, "CECHO1", secrets[1]))
                _ = try await pixels.setDestination(Self.destination(.ga4, "G-ECHO1", secrets[2]))
                let results = try await pixels.retryEvents(Self.retry(["m", "t", "g"].map { ids[$0]! })).results
                #expect(results.map(\.outcome) == [.failed, .failed, .failed])
                for result in results {
                    #expect(result.errorType == .invalidEvent)
                    #expect(result.errorMessage.hasPrefix("HTTP 400: "))
                    #expect(result.errorMessage.contains("Invalid OAuth access token: [REDACTED]"), "\(result.errorMessage)")
                    #expect(!forms.contains { result.errorMessage.contains($0) }, "\(result.errorMessage)")
                }
                let failures = try await pixels.listFailures(.init()).failures
                #expect(failures.count == 3)
                for failure in failures {
                    #expect(failure.errorMessage.contains("[REDACTED]"))
                    #expect(!forms.contains { failure.errorMessage.contains($0) }, "\(failure.errorMessage)")
                }
            }
            // The fake did receive the secrets: the redaction, not the request, keeps them out.
            let requests = try await fake.requests(count: 3)
            #expect(requests.contains { $0.body.contains(secrets[0].replacingOccurrences(of: "/", with: "\\/")) })
            #expect(requests.contains { $0.accessToken == secrets[1] })
        }
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT delivery_error AS e FROM pixel_events") }
        #expect(stored.count == 3)
        #expect(stored.allSatisfy { row in !forms.contains { (row["e"] ?? "").contains($0) } })
    }
}

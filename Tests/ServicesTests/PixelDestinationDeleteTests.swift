import AttrdCore
import Foundation
import Protos
import RPCClient
import Storage
import TestSupport
import Testing
import Wire

/// DeleteDestination: an admin deletes one platform's destination of its own tenant only.
@Suite("Pixels: delete a destination", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelDestinationDeleteTests {
    @Test func deletesOnlyTheCallersPlatformAndTenant() async throws {
        let (tenant, other) = (try TestTenant(), try TestTenant())
        try await AttrdHarness.grantAdmin(tenant)
        try await AttrdHarness.grantAdmin(other)
        try await AttrdHarness.withServer { attrd in
            for owner in [tenant, other] {
                try await attrd.withPixels(owner, as: "admin") { pixels in
                    _ = try await pixels.setDestination(PixelRetryTests.destination(.meta, "1234567890", "meta-token-secret"))
                    _ = try await pixels.setDestination(PixelRetryTests.destination(.ga4, "G-TEST123", "ga4-api-secret"))
                }
            }
            var request = Attribution_V1_DeleteDestinationRequest()
            request.platform = .meta
            let denied = try await attrd.withPixels(tenant) { pixels in
                await #expect(throws: RPCError.self) { try await pixels.deleteDestination(request) }
            }
            #expect(denied?.code == .permissionDenied, "an analyst may not delete")

            try await attrd.withPixels(tenant, as: "admin") { pixels in
                let deleted = try await pixels.deleteDestination(request).destination
                #expect(deleted.platform == .meta && deleted.destinationID == "1234567890")
                #expect(deleted.secret.isEmpty && deleted.hasUpdateTime)
                #expect(try await pixels.listDestinations(.init()).destinations.map(\.platform) == [.ga4])

                let again = await #expect(throws: RPCError.self) { try await pixels.deleteDestination(request) }
                #expect(again?.code == .notFound)
                #expect(again?.message == "no meta destination is set")
                let unspecified = await #expect(throws: RPCError.self) {
                    try await pixels.deleteDestination(Attribution_V1_DeleteDestinationRequest())
                }
                #expect(unspecified?.code == .invalidArgument)
                #expect(unspecified?.message.hasPrefix("platform") == true)
            }
            let untouched = try await attrd.withPixels(other, as: "admin") { try await $0.listDestinations(.init()) }
            #expect(untouched.destinations.map(\.platform) == [.ga4, .meta], "another tenant's destinations stay")
        }
        let sealed = try await TenantData.with { try await $0.rows(tenant, "SELECT platform FROM pixel_destinations") }
        #expect(try sealed.map { try $0.decode("platform", as: String.self) } == ["ga4"], "the row and its sealed secret are gone")
    }
}

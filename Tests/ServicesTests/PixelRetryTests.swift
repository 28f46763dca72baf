import Pixels
import LayeredConfig
import AttrdCore
import Foundation
import Protos
import RPCClient
import Storage
import TestSupport
import Testing
import Wire

/// RetryEvents against a local fake of the platforms that fails each
/// endpoint's first request and then succeeds.
@Suite("Pixels: retry", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelRetryTests {
    static func destination(_ platform: Attribution_V1_PixelPlatform, _ id: String, _ secret: String) -> Attribution_V1_SetDestinationRequest {
        var request = Attribution_V1_SetDestinationRequest()
        request.destination.platform = platform
        request.destination.destinationID = id
        request.destination.secret = secret
        return request
    }

    @Test func failsThenDeliversThenIsANoOp() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await FakePlatform.with { fake in
            try await AttrdHarness.withServer(configure: {
                $0.modules[PixelsSettings.metaURL] = fake.base + "/meta"
                $0.modules[PixelsSettings.tiktokURL] = fake.base + "/tiktok"
                $0.modules[PixelsSettings.ga4URL] = fake.base + "/ga4"
            }) { attrd in
                _ = try await attrd.ingest(tenant, events: [
                    Fixtures.purchase("m", .meta, order: "A1", hoursAgo: 1, delivery: .failed),
                    Fixtures.purchase("t", .tiktok, order: "A1", hoursAgo: 1, delivery: .failed),
                    Fixtures.purchase("g", .ga4, order: "A1", hoursAgo: 1, delivery: .failed),
                    Fixtures.purchase("ok", .meta, order: "A2", hoursAgo: 1),
                ])
                let events = try await attrd.withPixels(tenant) { try await $0.listEvents(.init()) }.events
                let id = Dictionary(uniqueKeysWithValues: events.map { ($0.eventID, $0.id) })
                try await attrd.withPixels(tenant, as: "admin") { pixels in
                    _ = try await pixels.setDestination(Self.destination(.meta, "1234567890", "meta-token-secret"))
                    _ = try await pixels.setDestination(Self.destination(.tiktok, "CABCDEF123", "tiktok-token-secret"))
                    _ = try await pixels.setDestination(Self.destination(.ga4, "G-TEST123", "ga4-api-secret"))
                    let listed = try await pixels.listDestinations(.init()).destinations
                    #expect(listed.map(\.platform) == [.ga4, .meta, .tiktok])
                    #expect(listed.allSatisfy { $0.secret.isEmpty && $0.secretSet })

                    let unknown = UUID().uuidString.lowercased()
                    var request = Attribution_V1_RetryEventsRequest()
                    request.ids = [id["m"]!, id["t"]!, id["g"]!, id["ok"]!, unknown]
                    let first = try await pixels.retryEvents(request).results
                    #expect(first.map(\.id) == request.ids)
                    #expect(first.map(\.outcome) == [.failed, .failed, .failed, .alreadyDelivered, .notFound])
                    #expect(first.prefix(3).allSatisfy { $0.errorType == .platformError && $0.attempts == 2 && $0.errorMessage.hasPrefix("HTTP 500") })

                    let second = try await pixels.retryEvents(request).results
                    #expect(second.map(\.outcome) == [.delivered, .delivered, .delivered, .alreadyDelivered, .notFound])
                    #expect(second.prefix(3).allSatisfy { $0.attempts == 3 && $0.hasAttemptTime && $0.errorMessage.isEmpty })

                    let third = try await pixels.retryEvents(request).results
                    #expect(third.map(\.outcome) == [.alreadyDelivered, .alreadyDelivered, .alreadyDelivered, .alreadyDelivered, .notFound])
                    #expect(try await pixels.listFailures(.init()).failures.isEmpty)
                }
                // Six requests in all: nothing was sent for the no-ops.
                let requests = try await fake.requests(count: 6)
                #expect(requests.count == 6)
                let meta = try #require(requests.first { $0.path == "/meta/1234567890/events" })
                #expect(meta.body.contains("\"access_token\":\"meta-token-secret\""))
                // The stored digest of buyer@example.com (`printf %s buyer@example.com | sha256sum`), never the address.
                #expect(meta.body.contains("\"em\":[\"6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd\"]"))
                #expect(!meta.body.contains("buyer@example.com"))
                #expect(meta.body.contains("\"order_id\":\"A1\""))
                let tiktok = try #require(requests.first { $0.path == "/tiktok/event/track/" })
                #expect(tiktok.accessToken == "tiktok-token-secret")
                #expect(tiktok.body.contains("\"event_source_id\":\"CABCDEF123\""))
                let ga4 = try #require(requests.first { $0.path.hasPrefix("/ga4/mp/collect?") })
                #expect(ga4.path.contains("measurement_id=G-TEST123"))
                #expect(ga4.body.contains("\"transaction_id\":\"A1\""))
            }
        }
        // The secrets are sealed at rest, not stored as sent.
        let stored = try await TenantData.with {
            try await $0.rows(tenant, "SELECT encode(sealed_secret, 'escape') AS s FROM pixel_destinations")
        }
        #expect(stored.count == 3)
        #expect(stored.allSatisfy { !($0["s"] ?? "").contains("secret") })
    }

    /// Nothing is sent, so no attempt is counted, and the message names the command that sets one.
    @Test func withoutADestinationNothingIsSentOrCountedAndAnalystsMayNotRetry() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: [Fixtures.purchase("x", .tiktok, order: "B1", hoursAgo: 1, delivery: .failed)])
            let before = try await attrd.withPixels(tenant) { try await $0.listEvents(.init()) }.events[0]
            let id = before.id
            var request = Attribution_V1_RetryEventsRequest()
            request.ids = [id]
            let denied = try await attrd.withPixels(tenant) { pixels in
                await #expect(throws: RPCError.self) { try await pixels.retryEvents(request) }
            }
            #expect(denied?.code == .permissionDenied)
            let result = try await attrd.withPixels(tenant, as: "admin") { pixels in
                // Another platform's destination does not serve TikTok's events.
                _ = try await pixels.setDestination(Self.destination(.meta, "1234567890", "meta-token-secret"))
                return try await pixels.retryEvents(request)
            }.results[0]
            #expect(result.outcome == .notAttempted)
            #expect(result.errorType == .unspecified && !result.hasAttemptTime)
            #expect(result.attempts == 1, "the sender's attempt only")
            #expect(result.errorMessage.contains("no tiktok destination is set"))
            #expect(result.errorMessage.contains("`attrctl pixels destinations set --platform tiktok --id ID --secret-file FILE`"))
            let stored = try await attrd.withPixels(tenant) { try await $0.listEvents(.init()) }.events[0]
            #expect(stored.deliveryAttempts == 1 && stored.errorMessage == "HTTP 500")
            #expect(stored == before, "no attempt was recorded")
            var bad = Attribution_V1_RetryEventsRequest()
            bad.ids = [id, id]
            let invalid = try await attrd.withPixels(tenant, as: "admin") { pixels in
                await #expect(throws: RPCError.self) { try await pixels.retryEvents(bad) }
            }
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.message.hasPrefix("ids[1]") == true)
        }
    }
}

import AttrdCore
import Foundation
import Protos
import RPCClient
import TestSupport
import Testing
import Wire

/// Serialized: the reconnect test cuts every pixel_events listener of the database.
@Suite(
    "Pixels: StreamEvents", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"),
    .serialized, .timeLimit(.minutes(2)))
struct PixelStreamTests {
    /// Streams end by deadline at the latest, so a broken stream fails the test instead of hanging it.
    static let streamTimeout = Duration.seconds(60)

    @Test func receivesAnEventIngestedThroughAnotherServer() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { a in
            try await AttrdHarness.withServer { b in
                try await a.withClient(tenant, kind: "user", name: "analyst") { client in
                    try await Attribution_V1_PixelsClient(client).streamEvents(
                        Attribution_V1_StreamEventsRequest(), timeout: Self.streamTimeout
                    ) { responses in
                        var events = responses.makeAsyncIterator()
                        // The probes go through b too: the first to arrive already crossed servers.
                        let first = try await LiveStream.probing(b, tenant) { try await events.next() }
                        #expect(first.map { LiveStream.isProbe($0.event) } == true)
                        let sent = ContinuousClock.now
                        _ = try await b.withIngest(tenant) {
                            try await $0.ingestPixelEvents(LiveStream.batch([
                                Fixtures.event("cross-1", platform: .tiktok, type: .checkout, orderID: "X-1"),
                            ]))
                        }
                        let event = try #require(try await LiveStream.nextEvent(&events))
                        let latency = ContinuousClock.now - sent
                        #expect(event.eventID == "cross-1")
                        #expect(event.platform == .tiktok)
                        #expect(event.eventType == .checkout)
                        #expect(event.orderID == "X-1")
                        #expect(event.deliveryStatus == .delivered)
                        #expect(!event.id.isEmpty)
                        #expect(latency < .seconds(5), "arrived after \(latency)")
                    }
                }
            }
        }
    }

    @Test func filtersExcludeEventsThatDoNotMatch() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "analyst") { client in
                var request = Attribution_V1_StreamEventsRequest()
                request.platform = .meta
                request.eventType = .purchase
                try await Attribution_V1_PixelsClient(client).streamEvents(request, timeout: Self.streamTimeout) { responses in
                    var events = responses.makeAsyncIterator()
                    _ = try await LiveStream.probing(attrd, tenant) { try await events.next() }
                    try await attrd.withIngest(tenant) { ingest in
                        _ = try await ingest.ingestPixelEvents(LiveStream.batch([
                            Fixtures.event("f-ga4", platform: .ga4), Fixtures.event("f-view", type: .pageView),
                            Fixtures.event("f-match-1", orderID: "M-1"),
                        ]))
                        _ = try await ingest.ingestPixelEvents(LiveStream.batch([
                            Fixtures.event("f-tiktok-cart", platform: .tiktok, type: .addToCart),
                        ]))
                        _ = try await ingest.ingestPixelEvents(LiveStream.batch([Fixtures.event("f-match-2", orderID: "M-2")]))
                    }
                    // Delivered in commit order: a leaked event would come before these.
                    #expect(try await LiveStream.nextEvent(&events)?.eventID == "f-match-1")
                    #expect(try await LiveStream.nextEvent(&events)?.eventID == "f-match-2")
                }
            }
        }
    }

    @Test func aBadFilterIsInvalidArgumentNamingTheField() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "analyst") { client in
                let pixels = Attribution_V1_PixelsClient(client)
                var badPlatform = Attribution_V1_StreamEventsRequest()
                badPlatform.platform = .UNRECOGNIZED(42)
                var longPrefix = Attribution_V1_StreamEventsRequest()
                longPrefix.orderIDPrefix = String(repeating: "x", count: 201)
                for (request, field) in [(badPlatform, "platform"), (longPrefix, "order_id_prefix")] {
                    let error = await #expect(throws: RPCError.self) {
                        try await pixels.streamEvents(request, timeout: Self.streamTimeout) { responses in
                            for try await _ in responses {}
                        }
                    }
                    #expect(error?.code == .invalidArgument)
                    #expect(error?.message.hasPrefix(field + ":") == true, "\(String(describing: error))")
                }
            }
        }
    }

    @Test func anotherTenantsEventsNeverArrive() async throws {
        let (a, b) = (try TestTenant(), try TestTenant())
        try await AttrdHarness.withServer { attrd in
            try await attrd.withClient(b, kind: "user", name: "analyst") { client in
                try await Attribution_V1_PixelsClient(client).streamEvents(
                    Attribution_V1_StreamEventsRequest(), timeout: Self.streamTimeout
                ) { responses in
                    var events = responses.makeAsyncIterator()
                    _ = try await LiveStream.probing(attrd, b) { try await events.next() }
                    // Same event id in both tenants, A's first: had it leaked, it would arrive first.
                    _ = try await attrd.withIngest(a) {
                        try await $0.ingestPixelEvents(LiveStream.batch([
                            Fixtures.event("shared", orderID: "A-secret"), Fixtures.event("a-only", orderID: "A-2"),
                        ]))
                    }
                    _ = try await attrd.withIngest(b) {
                        try await $0.ingestPixelEvents(LiveStream.batch([Fixtures.event("shared", orderID: "B-own")]))
                    }
                    let event = try #require(try await LiveStream.nextEvent(&events))
                    #expect(event.eventID == "shared")
                    #expect(event.orderID == "B-own")
                }
            }
        }
    }

    @Test func anIngestServiceMayNotStream() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            let error = try await attrd.withClient(tenant) { client in
                await #expect(throws: RPCError.self) {
                    try await Attribution_V1_PixelsClient(client).streamEvents(
                        Attribution_V1_StreamEventsRequest(), timeout: Self.streamTimeout
                    ) { responses in
                        for try await _ in responses {}
                    }
                }
            }
            #expect(error?.code == .permissionDenied)
        }
    }
}

import Foundation
import Protos
import RPCClient
import TestSupport
import Testing
import Wire

extension PixelStreamTests {
    /// A graceful shutdown ends live streams at once with UNAVAILABLE, not
    /// after the shutdown grace period (30 s).
    @Test func aServerShutdownEndsLiveStreamsWithUnavailable() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "analyst") { client in
                let pixels = Attribution_V1_PixelsClient(client)
                let clock = ContinuousClock()
                var shutdownStarted = clock.now
                let error = await #expect(throws: RPCError.self) {
                    try await pixels.streamEvents(Attribution_V1_StreamEventsRequest(), timeout: Self.streamTimeout) { responses in
                        var events = responses.makeAsyncIterator()
                        _ = try await LiveStream.probing(attrd, tenant) { try await events.next() }
                        shutdownStarted = clock.now
                        await attrd.shutDown()
                        while try await events.next() != nil {}
                    }
                }
                #expect(error?.code == .unavailable)
                #expect(error?.message.contains("shutting down") == true, "\(String(describing: error))")
                #expect(clock.now - shutdownStarted < .seconds(10))
            }
        }
    }
}

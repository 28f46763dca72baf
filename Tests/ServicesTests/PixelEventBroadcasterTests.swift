import AttributionStore
import Foundation
import Logging
@testable import Pixels
import ServiceKit
import Storage
import Testing
import Wire

/// The broadcaster's state machine, without a database (nothing here reads one).
struct PixelEventBroadcasterTests {
    static func withBroadcaster(_ body: (PixelEventBroadcaster) async throws -> Void) async throws {
        let url = try ConnectionString("postgresql://attr_app@127.0.0.1:1/unused")
        let pool = PostgresPool(configuration: .init(connectionString: url, size: 1), logger: AttrdHarness.quiet)
        let broadcaster = PixelEventBroadcaster(connectionString: url, database: Database(pool: pool), logger: AttrdHarness.quiet)
        do {
            try await body(broadcaster)
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }

    @Test func aCancelledReaderStopsWaiting() async throws {
        try await Self.withBroadcaster { broadcaster in
            broadcaster.listening()
            let subscription = try broadcaster.subscribe(tenantID: UUID(), filter: PixelEventFilter(), capacity: 3)
            let reader = Task { try await subscription.next() }
            reader.cancel()
            await #expect(throws: CancellationError.self) { try await reader.value }
            broadcaster.unsubscribe(subscription)
            #expect(broadcaster.subscriberCount == 0)
        }
    }

    @Test func aReconnectEndsLiveStreamsButNotLaterOnes() async throws {
        try await Self.withBroadcaster { broadcaster in
            broadcaster.listening()
            await broadcaster.waitUntilListening()
            let tenant = UUID()
            let before = try broadcaster.subscribe(tenantID: tenant, filter: PixelEventFilter(), capacity: 3)
            let waiting = Task { try await before.next() }
            broadcaster.listening()  // the listener came back after a lost connection
            await #expect(throws: PixelStreamEnding.missedEvents) { try await waiting.value }
            #expect(broadcaster.subscriberCount == 0)
            let after = try broadcaster.subscribe(tenantID: tenant, filter: PixelEventFilter(), capacity: 3)
            #expect(broadcaster.subscriberCount == 1)
            #expect(after.ending == nil)
        }
    }

    @Test func shutdownEndsStreamsAndRefusesNewOnes() async throws {
        try await Self.withBroadcaster { broadcaster in
            let subscription = try broadcaster.subscribe(tenantID: UUID(), filter: PixelEventFilter(), capacity: 3)
            broadcaster.shutDown()
            await broadcaster.waitUntilListening()  // returns: stopped
            await #expect(throws: PixelStreamEnding.shutdown) { try await subscription.next() }
            #expect(throws: PixelStreamEnding.shutdown) {
                try broadcaster.subscribe(tenantID: UUID(), filter: PixelEventFilter(), capacity: 3)
            }
            #expect(broadcaster.subscriberCount == 0)
        }
    }

    @Test func endingsMapToTheDocumentedStatuses() {
        #expect(PixelStreamEnding.overflow(limit: 3).rpcError.code == .resourceExhausted)
        #expect(PixelStreamEnding.overflow(limit: 3).rpcError.message.contains("more than 3 events behind"))
        #expect(PixelStreamEnding.missedEvents.rpcError.code == .unavailable)
        #expect(PixelStreamEnding.shutdown.rpcError.code == .unavailable)
    }
}

import Foundation
import Protos
import RPCClient
import Storage
import TestSupport
import Testing
import Wire

extension PixelStreamTests {
    /// When the listener's connection breaks, events stored meanwhile never
    /// reach it: live streams end with UNAVAILABLE saying so, once it listens
    /// again, and new streams work.
    @Test func aLostListenerConnectionEndsLiveStreamsWithUnavailable() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "analyst") { client in
                let pixels = Attribution_V1_PixelsClient(client)
                let error = await #expect(throws: RPCError.self) {
                    try await pixels.streamEvents(Attribution_V1_StreamEventsRequest(), timeout: Self.streamTimeout) { responses in
                        var events = responses.makeAsyncIterator()
                        _ = try await LiveStream.probing(attrd, tenant) { try await events.next() }
                        #expect(try Self.terminateListeners() >= 1)
                        while try await events.next() != nil {}
                    }
                }
                #expect(error?.code == .unavailable)
                #expect(error?.message.contains("may have missed events") == true, "\(String(describing: error))")
                let again = try await pixels.streamEvents(Attribution_V1_StreamEventsRequest(), timeout: Self.streamTimeout) {
                    responses in
                    var events = responses.makeAsyncIterator()
                    return try await LiveStream.probing(attrd, tenant, orderPrefix: "again-") { try await events.next() }
                }
                #expect(again?.event.orderID.hasPrefix("again-") == true)
            }
        }
    }

    /// Terminates the database's pixel_events LISTEN connections (the
    /// application role may signal its own backends); how many.
    static func terminateListeners() throws -> Int {
        let connection = try PostgresConnection(try ConnectionString(try #require(TestEnvironment.databaseURL)))
        let rows = try connection.query(
            """
            SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
            WHERE usename = current_user AND pid <> pg_backend_pid() AND query LIKE 'LISTEN %pixel_events%'
            """)
        return rows.count
    }
}

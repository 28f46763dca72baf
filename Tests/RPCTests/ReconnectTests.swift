import NIOCore
import Protos
import RPCClient
import RPCServer
import TestSupport
import Testing
import Wire

/// The client re-establishes its connection: after the server closed it
/// (GOAWAY), and after the server went away and came back.
@Suite("Client reconnection", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct ReconnectTests {
    @Test func newCallsAfterGoAwayUseANewConnection() async throws {
        try await InteropHarness.withServer(configure: { $0.idleTimeout = .seconds(2) }) { server in
            try await server.withTestClient { client in
                let before = try await Self.callUntilServed(client)
                #expect(before <= 3)
                await server.logs.waitFor(message: "closing idle connection")
                // The connection is gone (GOAWAY, then closed): the client makes a new one.
                // A call racing the GOAWAY may fail with UNAVAILABLE; the next is served.
                let after = try await Self.callUntilServed(client)
                #expect(after <= 3)
            }
        }
    }

    /// Calls until one is served; returns how many failed first (each UNAVAILABLE; on a loaded
    /// machine a new connection may itself idle out before its first call).
    static func callUntilServed(_ client: Arpc_Test_V1_TestServiceClient) async throws -> Int {
        var failures = 0
        while true {
            do {
                _ = try await client.emptyCall(Arpc_Test_V1_Empty())
                return failures
            } catch let error as RPCError where error.code == .unavailable && failures < 10 {
                failures += 1
            }
        }
    }

    @Test func clientReconnectsWhenTheServerComesBack() async throws {
        let port = try await InteropHarness.withServer { server in server.port }
        // Nothing listens on `port` now.
        let client = try InteropHarness.client(port: port) { $0.backoff.initial = .zero }
        let typed = Arpc_Test_V1_TestServiceClient(client)
        await #expect(throws: RPCError.self) { try await typed.emptyCall(Arpc_Test_V1_Empty()) }
        try await InteropHarness.withServer(configure: { $0.port = port }) { _ in
            let response = try await typed.emptyCall(Arpc_Test_V1_Empty())
            #expect(response == Arpc_Test_V1_Empty())
        }
        await client.close()
    }
}

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
        try await InteropHarness.withServer(configure: { $0.idleTimeout = .milliseconds(50) }) { server in
            try await server.withTestClient { client in
                _ = try await client.emptyCall(Arpc_Test_V1_Empty())
                await server.logs.waitFor(message: "closing idle connection")
                // The next calls go to a new connection (the first may race the close: then it is UNAVAILABLE).
                var served = 0
                for _ in 0..<3 {
                    do {
                        _ = try await client.emptyCall(Arpc_Test_V1_Empty())
                        served += 1
                    } catch let error as RPCError {
                        #expect(error.code == .unavailable)
                    }
                }
                #expect(served >= 2)
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

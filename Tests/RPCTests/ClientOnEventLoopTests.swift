import Foundation
import NIOCore
import NIOPosix
import Protos
import RPCClient
import RPCServer
import TLS
import TestSupport
import Testing

/// A caller whose task runs on its connection's event loop (as attrbench's
/// workers do) takes the client's same-thread paths: opening a stream,
/// sending, ending and reporting consumed bytes without enqueueing. Every
/// call kind still works, many calls at once, and so does cancellation.
@Suite("Client on its event loop", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct ClientOnEventLoopTests {
    @Test func everyCallKindWorksFromATaskOnTheConnectionsLoop() async throws {
        try await InteropHarness.withServer { server in
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            let tls = try TLSContext.client(
                serverName: "localhost", trustedCA: DevPKI.caCertificate,
                certificateChain: DevPKI.path("clients/tenant1-admin.crt"), privateKey: DevPKI.path("clients/tenant1-admin.key"))
            let rpc = RPCClient(configuration: .init(host: "127.0.0.1", port: server.port), tls: tls, logger: InteropHarness.quiet, group: loop)
            let client = Arpc_Test_V1_TestServiceClient(rpc)
            try await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
                // Many unary calls in flight at once, each with a distinct payload size.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for size in 1...64 {
                        group.addTask {
                            #expect(loop.inEventLoop)
                            var request = Arpc_Test_V1_SimpleRequest()
                            request.responseSize = Int32(size)
                            request.payload = .zeros(size)
                            let response = try await client.unaryCall(request)
                            #expect(response.payload.body.count == size)
                        }
                    }
                    try await group.waitForAll()
                }
                let sizes = try await client.streamingOutputCall(.responses([3, 1, 4, 1, 5])) { responses in
                    try await responses.reduce(into: [Int]()) { $0.append($1.payload.body.count) }
                }
                #expect(sizes == [3, 1, 4, 1, 5])
                let aggregate = try await client.streamingInputCall { sink in
                    for size in [10, 20, 30] {
                        var request = Arpc_Test_V1_StreamingInputCallRequest()
                        request.payload = .zeros(size)
                        try await sink.send(request)
                    }
                }
                #expect(aggregate.aggregatedPayloadSize == 60)
                let echoed = try await client.fullDuplexCall(requests: { sink in
                    for size: Int32 in [7, 8, 9] { try await sink.send(.responses([size])) }
                }, responses: { responses in
                    try await responses.reduce(into: [Int]()) { $0.append($1.payload.body.count) }
                })
                #expect(echoed == [7, 8, 9])
                // A call cancelled while it waits ends as cancelled, and the connection goes on.
                let waiting = Task {
                    try await client.fullDuplexCall(requests: { sink in
                        try await sink.send(.responses([1]))
                        try await Task.sleep(for: .seconds(3600))
                    }, responses: { responses in
                        for try await _ in responses {}
                    })
                }
                waiting.cancel()
                #expect(CancellationTests.isCancellation(await waiting.result))
                _ = try await client.emptyCall(Arpc_Test_V1_Empty())
            }
            await rpc.close()
        }
    }
}

import Foundation
import Protos
import RPCClient
import TestSupport
import Testing
import Wire

/// gRPC's interop cases, adapted to ARPC/1, end to end over mutual TLS.
@Suite("Interop cases", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct InteropTests {
    @Test func emptyUnary() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let response = try await client.emptyCall(Arpc_Test_V1_Empty())
                #expect(response == Arpc_Test_V1_Empty())
            }
        }
    }

    @Test func largeUnary() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                var request = Arpc_Test_V1_SimpleRequest()
                request.responseSize = 314_159
                request.payload = .zeros(271_828)
                let response = try await client.unaryCall(request)
                #expect(response.payload.body.count == 314_159)
            }
        }
    }

    @Test func clientStreaming() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let response = try await client.streamingInputCall { requests in
                    for size in [27_182, 8, 1_828, 45_904] {
                        var request = Arpc_Test_V1_StreamingInputCallRequest()
                        request.payload = .zeros(size)
                        try await requests.send(request)
                    }
                }
                #expect(response.aggregatedPayloadSize == 74_922)
            }
        }
    }

    @Test func serverStreaming() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let sizes = try await client.streamingOutputCall(.responses([31_415, 9, 2_653, 58_979])) { responses in
                    var sizes: [Int] = []
                    for try await response in responses { sizes.append(response.payload.body.count) }
                    return sizes
                }
                #expect(sizes == [31_415, 9, 2_653, 58_979])
            }
        }
    }

    @Test func pingPong() async throws {
        let (sizes, payloads): ([Int32], [Int]) = ([31_415, 9, 2_653, 58_979], [27_182, 8, 1_828, 45_904])
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let (requests, continuation) = AsyncStream<Arpc_Test_V1_StreamingOutputCallRequest>.makeStream()
                let received = try await client.fullDuplexCall(requests: { sink in
                    for try await request in requests { try await sink.send(request) }
                }, responses: { responses in
                    var received: [Int] = []
                    var iterator = responses.makeAsyncIterator()
                    for (size, payload) in zip(sizes, payloads) {
                        continuation.yield(.responses([size], payload: payload))
                        // The next request goes out only once this one has been answered.
                        guard let response = try await iterator.next() else { break }
                        received.append(response.payload.body.count)
                    }
                    continuation.finish()
                    #expect(try await iterator.next() == nil)
                    return received
                })
                #expect(received == sizes.map(Int.init))
            }
        }
    }

    @Test func emptyStream() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let count = try await client.fullDuplexCall(requests: { _ in }, responses: { responses in
                    try await responses.reduce(0) { count, _ in count + 1 }
                })
                #expect(count == 0)
            }
        }
    }

    @Test func customMetadata() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                let metadata: Metadata = [
                    "x-grpc-test-echo-initial": .string("test_initial_metadata_value"),
                    "x-grpc-test-echo-trailing-bin": .binary([0xAB, 0xAB, 0xAB]),
                ]
                var request = Arpc_Test_V1_SimpleRequest()
                request.responseSize = 314_159
                request.payload = .zeros(271_828)
                let response = try await client.unary(
                    Arpc_Test_V1_TestService.Method.unaryCall, request, as: Arpc_Test_V1_SimpleResponse.self, metadata: metadata)
                #expect(response.initialMetadata.first("x-grpc-test-echo-initial") == "test_initial_metadata_value")
                #expect(response.trailingMetadata["x-grpc-test-echo-trailing-bin"] == [.binary([0xAB, 0xAB, 0xAB])])

                let streamed = try await client.bidirectional(
                    Arpc_Test_V1_TestService.Method.fullDuplexCall, as: Arpc_Test_V1_StreamingOutputCallResponse.self,
                    metadata: metadata,
                    requests: { sink in try await sink.send(Arpc_Test_V1_StreamingOutputCallRequest.responses([314_159], payload: 271_828)) },
                    responses: { responses in
                        var count = 0
                        for try await _ in responses { count += 1 }
                        return (count, responses.initialMetadata, responses.trailingMetadata)
                    })
                #expect(streamed.0 == 1)
                #expect(streamed.1.first("x-grpc-test-echo-initial") == "test_initial_metadata_value")
                #expect(streamed.2["x-grpc-test-echo-trailing-bin"] == [.binary([0xAB, 0xAB, 0xAB])])
            }
        }
    }

    @Test(arguments: ["test status message", "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"])
    func statusCodeAndMessage(_ message: String) async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                var status = Arpc_Test_V1_EchoStatus()
                status.code = 2
                status.message = message
                var request = Arpc_Test_V1_SimpleRequest()
                request.responseStatus = status
                await #expect(throws: RPCError(code: .unknown, message: message)) { try await client.unaryCall(request) }

                let streaming = {
                    var streaming = Arpc_Test_V1_StreamingOutputCallRequest()
                    streaming.responseStatus = status
                    return streaming
                }()
                await #expect(throws: RPCError(code: .unknown, message: message)) {
                    try await client.fullDuplexCall(requests: { try await $0.send(streaming) }, responses: { responses in
                        for try await _ in responses {}
                    })
                }
            }
        }
    }

    @Test func unimplementedMethodAndService() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                await #expect(throws: RPCError(code: .unimplemented, message: "UnimplementedCall is not implemented")) {
                    try await Arpc_Test_V1_TestServiceClient(client).unimplementedCall(Arpc_Test_V1_Empty())
                }
                await #expect(throws: RPCError(code: .unimplemented, message: "unknown method NoSuchCall of service arpc.test.v1.TestService")) {
                    try await client.unary("/arpc.test.v1.TestService/NoSuchCall", Arpc_Test_V1_Empty(), as: Arpc_Test_V1_Empty.self)
                }
                await #expect(throws: RPCError(code: .unimplemented, message: "unknown service arpc.test.v1.UnimplementedService")) {
                    try await Arpc_Test_V1_UnimplementedServiceClient(client).unimplementedCall(Arpc_Test_V1_Empty())
                }
            }
        }
    }

    @Test func echoIdentity() async throws {
        try await InteropHarness.withServer { server in
            for (certificate, tenant, kind, id) in [
                ("clients/tenant1-admin", DevPKI.tenant1, "user", "admin"),
                ("clients/tenant2-ingest", DevPKI.tenant2, "service", "ingest"),
            ] {
                let identity = try await server.withTestClient(certificate) { try await $0.echoIdentity(Arpc_Test_V1_Empty()) }
                #expect(identity.tenantID == tenant)
                #expect(identity.principalKind == kind)
                #expect(identity.principalID == id)
            }
        }
    }

    @Test func concurrentLargeUnaryOnOneConnection() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let request = {
                    var request = Arpc_Test_V1_SimpleRequest()
                    request.responseSize = 314_159
                    request.payload = .zeros(271_828)
                    return request
                }()
                // About 600 MB pass through this process: keep it apart from memory measurements.
                let sizes = try await MemoryHeavy.exclusively {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for _ in 0..<1000 {
                            group.addTask { try await client.unaryCall(request).payload.body.count }
                        }
                        return try await group.reduce(into: [Int]()) { $0.append($1) }
                    }
                }
                #expect(sizes.count == 1000)
                #expect(Set(sizes) == [314_159])
            }
        }
    }
}

import Foundation
import NIOCore
import Protos
import RPCClient
import RPCServer
import TestSupport
import Testing
import Wire

/// The server's limits, each seen from a client that passes it.
@Suite("Server limits", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct LimitTests {
    static let fullDuplex = Arpc_Test_V1_TestService.Method.fullDuplexCall

    @Test func oversizeMessageIsResourceExhaustedAndTheConnectionLivesOn() async throws {
        try await InteropHarness.withServer(configure: { $0.settings.maxMessageSize = 64 * 1024 }) { server in
            try await RawConnection.with(port: server.port) { raw in
                #expect(try await raw.handshake()?.maxMessageSize == 64 * 1024)
                try await raw.send(
                    .call(streamID: 1, CallHead(method: Arpc_Test_V1_TestService.Method.unaryCall)),
                    .message(streamID: 1, ByteBuffer(repeating: 0, count: 64 * 1024 + 1), flags: .endStream))
                guard case .trailers(1, let trailers)? = try await raw.nextSignificant() else {
                    Issue.record("no trailers")
                    return
                }
                #expect(trailers.status.code == .resourceExhausted)
                #expect(trailers.status.message.contains("65537"))
                // The same connection still serves calls.
                try await raw.send(
                    .call(streamID: 3, CallHead(method: Arpc_Test_V1_TestService.Method.emptyCall)),
                    .message(streamID: 3, ByteBuffer(), flags: .endStream))
                #expect(try await raw.nextSignificant() == .message(streamID: 3, ByteBuffer(), flags: []))
                #expect(try await raw.nextSignificant() == .trailers(streamID: 3, Trailers(status: .ok)))
            }
        }
    }

    @Test func tooManyStreamsAreRefused() async throws {
        try await InteropHarness.withServer(configure: { $0.settings.maxConcurrentStreams = 2 }) { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                // Two open calls that never end, then a third.
                for id: UInt32 in [1, 3, 5] {
                    try await raw.send(.call(streamID: id, CallHead(method: Self.fullDuplex)))
                }
                let frame = try await raw.nextSignificant()
                guard case .trailers(5, let trailers)? = frame else {
                    Issue.record("expected stream 5 refused, got \(String(describing: frame))")
                    return
                }
                #expect(trailers.status == Status(code: .resourceExhausted, message: "too many concurrent streams (limit 2)"))
            }
        }
    }

    @Test func metadataTooLarge() async throws {
        try await InteropHarness.withServer { server in
            try await server.withClient { (client: RPCClient) async throws -> Void in
                let metadata: Metadata = ["x-big": .string(String(repeating: "a", count: 9000))]
                await #expect(throws: RPCError.self) {
                    try await client.unary(Arpc_Test_V1_TestService.Method.emptyCall, Arpc_Test_V1_Empty(),
                                           as: Arpc_Test_V1_Empty.self, metadata: metadata)
                }
                do {
                    _ = try await client.unary(Arpc_Test_V1_TestService.Method.emptyCall, Arpc_Test_V1_Empty(),
                                               as: Arpc_Test_V1_Empty.self, metadata: metadata)
                } catch let error as RPCError {
                    #expect(error.code == .resourceExhausted)
                    #expect(error.message.contains("exceeds the limit of 8192"))
                }
                // Within the limit, the same client is served.
                _ = try await client.unary(Arpc_Test_V1_TestService.Method.emptyCall, Arpc_Test_V1_Empty(),
                                           as: Arpc_Test_V1_Empty.self, metadata: ["x-small": .string("ok")])
            }
        }
    }

    /// Metadata the server would send over the client's MAX_METADATA_SIZE
    /// ends the call with RESOURCE_EXHAUSTED, as a response over its
    /// MAX_MESSAGE_SIZE does.
    @Test(arguments: [("x-grpc-test-echo-initial", "initial"), ("x-grpc-test-echo-trailing-bin", "trailing")])
    func responseMetadataOverTheClientsLimitIsResourceExhausted(key: String, what: String) async throws {
        try await InteropHarness.withServer { server in
            let client = try InteropHarness.client(port: server.port) { $0.settings.maxMetadataSize = 1024 }
            let value: Metadata.Value = key.hasSuffix("-bin") ? .binary(Array(repeating: 0, count: 2000)) : .string(String(repeating: "v", count: 2000))
            let error = await #expect(throws: RPCError.self) {
                try await client.unary(Arpc_Test_V1_TestService.Method.emptyCall, Arpc_Test_V1_Empty(),
                                       as: Arpc_Test_V1_Empty.self, metadata: [key: value])
            }
            await client.close()
            #expect(error?.code == .resourceExhausted)
            #expect(error?.message.hasPrefix("\(what) metadata of ") == true)
            #expect(error?.message.hasSuffix("exceeds the client's limit of 1024") == true)
        }
    }

    @Test func cancelFloodEndsTheConnection() async throws {
        try await InteropHarness.withServer(configure: { $0.maxCancelsPerWindow = 20 }) { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                var burst = ByteBuffer()
                for index in 0..<25 {
                    let id = UInt32(2 * index + 1)
                    Frame.call(streamID: id, CallHead(method: Self.fullDuplex)).encode(into: &burst)
                    Frame.cancel(streamID: id, .cancelled).encode(into: &burst)
                }
                try await raw.send(bytes: burst)
                let frames = try await raw.framesUntilClosed()
                let goAway = frames.compactMap { frame -> GoAway? in
                    if case .goAway(let goAway) = frame { goAway } else { nil }
                }
                #expect(goAway.map(\.code) == [.enhanceYourCalm])
            }
        }
    }

    @Test func pingFloodEndsTheConnection() async throws {
        try await InteropHarness.withServer(configure: { $0.maxPingsPerWindow = 5 }) { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                var burst = ByteBuffer()
                for index in 0..<10 { Frame.ping(UInt64(index), ack: false).encode(into: &burst) }
                try await raw.send(bytes: burst)
                let frames = try await raw.framesUntilClosed()
                #expect(frames.filter { if case .ping(_, true) = $0 { true } else { false } }.count == 5)
                guard case .goAway(let goAway)? = frames.last else {
                    Issue.record("no GOAWAY last: \(frames)")
                    return
                }
                #expect(goAway.code == .enhanceYourCalm)
            }
        }
    }

    @Test func idleConnectionIsClosedWithGoAway() async throws {
        try await InteropHarness.withServer(configure: { $0.idleTimeout = .milliseconds(200) }) { server in
            // A client that completes TLS and then says nothing at all.
            try await RawConnection.with(port: server.port) { raw in
                let frames = try await raw.framesUntilClosed()
                #expect(frames == [.goAway(GoAway(lastStreamID: 0, code: .noError, message: "idle"))])
            }
        }
    }

    @Test(arguments: [
        (ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"), GoAwayCode.protocolError, "bad connection preface"),
        (ByteBuffer(bytes: ConnectionPreface(major: 2, minor: 0).bytes), .unsupportedVersion, "supported major versions: 1"),
    ])
    func badPrefaceGetsGoAway(_ preface: ByteBuffer, _ code: GoAwayCode, _ message: String) async throws {
        try await InteropHarness.withServer { server in
            try await RawConnection.with(port: server.port) { raw in
                try await raw.send(bytes: preface)
                let frames = try await raw.framesUntilClosed()
                #expect(frames == [.goAway(GoAway(lastStreamID: 0, code: code, message: message))])
            }
        }
    }

    @Test func perTenantCallLimit() async throws {
        try await InteropHarness.withServer(configure: { $0.maxCallsPerTenant = 2 }) { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                for id: UInt32 in [1, 3, 5] {
                    try await raw.send(.call(streamID: id, CallHead(method: Self.fullDuplex)))
                }
                guard case .trailers(5, let trailers)? = try await raw.nextSignificant() else {
                    Issue.record("third call of the tenant was not refused")
                    return
                }
                #expect(trailers.status.code == .resourceExhausted)
                // Another tenant is not affected.
                let other = try await server.withTestClient("clients/tenant2-ingest") { try await $0.echoIdentity(Arpc_Test_V1_Empty()) }
                #expect(other.principalID == "ingest")
            }
        }
    }
}

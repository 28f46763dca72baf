import Foundation
import NIOCore
import Protos
import RPCClient
import RPCServer
import ServiceLifecycle
import TestSupport
import Testing
import Wire

@Suite("Graceful shutdown", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct ShutdownTests {
    @Test func callsInFlightFinishThenTheServerStops() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                // Five responses 100 ms apart; shut down once the first has arrived.
                let request = Arpc_Test_V1_StreamingOutputCallRequest.responses(
                    [10, 10, 10, 10, 10], intervalMicroseconds: 100_000)
                let sizes = try await client.streamingOutputCall(request) { responses in
                    var sizes: [Int] = []
                    for try await response in responses {
                        if sizes.isEmpty { await server.group.triggerGracefulShutdown() }
                        sizes.append(response.payload.body.count)
                    }
                    return sizes
                }
                #expect(sizes == [10, 10, 10, 10, 10], "the call in flight completed")
                // Shutdown reaches the connection asynchronously: on a loaded machine the
                // stream can end before it does, so wait for the server to have stopped.
                await server.untilStopped()
                // The server is gone: a new call cannot connect.
                await #expect(throws: RPCError.self) { try await client.emptyCall(Arpc_Test_V1_Empty()) }
            }
        }
    }

    /// Connections accepted while the server shuts down are closed, never
    /// left to an accept loop that is gone (an NIOAsyncChannel nobody takes
    /// traps: "Deinited NIOAsyncWriter without calling finish()").
    @Test(.timeLimit(.minutes(1)))
    func connectionsRacingShutdownAreClosed() async throws {
        for _ in 0..<20 {
            var clients: [any Channel] = []
            // The clients never start TLS: a short handshake timeout ends them.
            try await InteropHarness.withServer(configure: { $0.handshakeTimeout = .milliseconds(100) }) { server in
                for _ in 0..<4 { clients.append(try await PlainHTTP.connectIdle(port: server.port)) }
            }
            for client in clients { try await client.closeFuture.get() }
        }
    }

    @Test func goAwayStopsNewCallsOnThatConnectionOnly() async throws {
        try await InteropHarness.withServer { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                // A bidirectional call that answers one request and then waits for
                // more: it stays in flight until this test ends it, whatever the timing.
                try await raw.send(
                    .call(streamID: 1, CallHead(method: Arpc_Test_V1_TestService.Method.fullDuplexCall)),
                    .message(streamID: 1, try RPCClientTestCodec.encode(Arpc_Test_V1_StreamingOutputCallRequest.responses([7])), flags: []))
                guard case .message(1, _, _)? = try await raw.nextSignificant() else {
                    Issue.record("no first response")
                    return
                }
                await server.group.triggerGracefulShutdown()
                // GOAWAY names stream 1 as processed.
                var frame = try await raw.nextSignificant()
                while case .message(1, _, _)? = frame { frame = try await raw.nextSignificant() }
                guard case .goAway(let goAway)? = frame else {
                    Issue.record("no GOAWAY: \(String(describing: frame))")
                    return
                }
                #expect(goAway == GoAway(lastStreamID: 1, code: .noError, message: "server shutting down"))
                // A call opened after it is refused; stream 1 goes on until the client ends it,
                // then completes, then the connection closes.
                try await raw.send(.call(streamID: 3, CallHead(method: Arpc_Test_V1_TestService.Method.emptyCall, endStream: true)))
                try await raw.send(
                    .message(streamID: 1, try RPCClientTestCodec.encode(Arpc_Test_V1_StreamingOutputCallRequest()), flags: .endStream))
                var frames = try await raw.framesUntilClosed()
                frames.removeAll { if case .windowUpdate = $0 { true } else { false } }
                #expect(frames.contains(.trailers(streamID: 3, Trailers(status: Status(code: .unavailable, message: "the server is shutting down")))))
                #expect(frames.last == .trailers(streamID: 1, Trailers(status: .ok)))
            }
        }
    }

    @Test func gracePeriodCancelsCallsThatRunTooLong() async throws {
        try await InteropHarness.withServer(configure: { $0.shutdownGracePeriod = .milliseconds(100) }) { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                // A bidirectional call that answers one request and then waits for more, forever.
                try await raw.send(
                    .call(streamID: 1, CallHead(method: Arpc_Test_V1_TestService.Method.fullDuplexCall)),
                    .message(streamID: 1, try RPCClientTestCodec.encode(Arpc_Test_V1_StreamingOutputCallRequest.responses([1])), flags: []))
                guard case .message(1, _, _)? = try await raw.nextSignificant() else {
                    Issue.record("the call did not start")
                    return
                }
                await server.group.triggerGracefulShutdown()
                let frames = try await raw.framesUntilClosed()
                #expect(frames.contains(.trailers(streamID: 1, Trailers(status: Status(
                    code: .unavailable, message: "the server shut down before the call finished")))))
            }
        }
    }

    /// A handler cut at the grace period while it waits on something other
    /// than the call (here a sleep) is logged with what the client receives.
    @Test func aCallCutAtTheGracePeriodIsLoggedUnavailable() async throws {
        try await InteropHarness.withServer(configure: { $0.shutdownGracePeriod = .milliseconds(100) }) { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                // A server-streaming call that sleeps a minute before its first response.
                try await raw.send(
                    .call(streamID: 1, CallHead(method: Arpc_Test_V1_TestService.Method.streamingOutputCall)),
                    .message(streamID: 1, try RPCClientTestCodec.encode(
                        Arpc_Test_V1_StreamingOutputCallRequest.responses([1], intervalMicroseconds: 60_000_000)), flags: .endStream),
                    .ping(42, ack: false))
                // The PONG comes after the server took the call (frames are read in order).
                while let event = try await raw.next(), event != .frame(.ping(42, ack: true)) {}
                await server.group.triggerGracefulShutdown()
                let frames = try await raw.framesUntilClosed()
                #expect(frames.contains { if case .trailers(1, let trailers) = $0 { trailers.status.code == .unavailable } else { false } })
            }
            await server.logs.waitFor(message: "call")
            let statuses = server.logs.all.filter { $0.message == "call" }.map { $0.metadata["rpc_status"] }
            #expect(statuses == ["UNAVAILABLE"])
        }
    }
}

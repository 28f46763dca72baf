import Foundation
import Protos
import RPCClient
import RPCServer
import TestSupport
import Testing
import NIOCore
import Wire

/// Cancellation and deadlines, from the client's side and the server's.
@Suite("Cancellation and deadlines", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct CancellationTests {
    @Test func cancelAfterBegin() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let (started, signal) = AsyncStream<Void>.makeStream()
                let call = Task {
                    try await client.streamingInputCall { _ in
                        signal.yield()
                        try await Task.sleep(for: .seconds(3600))  // until cancelled
                    }
                }
                var iterator = started.makeAsyncIterator()
                await iterator.next()
                call.cancel()
                let result = await call.result
                #expect(Self.isCancellation(result))
            }
        }
    }

    @Test func cancelAfterFirstResponse() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                let (firstResponse, signal) = AsyncStream<Void>.makeStream()
                let call = Task {
                    try await client.fullDuplexCall(requests: { sink in
                        try await sink.send(.responses([31_415], payload: 27_182))
                        try await Task.sleep(for: .seconds(3600))  // until cancelled
                    }, responses: { responses in
                        for try await _ in responses { signal.yield() }
                    })
                }
                var iterator = firstResponse.makeAsyncIterator()
                await iterator.next()
                call.cancel()
                #expect(Self.isCancellation(await call.result))
            }
        }
    }

    @Test func timeoutOnSleepingServer() async throws {
        try await InteropHarness.withServer { server in
            try await server.withTestClient { client in
                // The server would wait 30 s before answering; the deadline is 100 ms.
                let request = Arpc_Test_V1_StreamingOutputCallRequest.responses([1], payload: 27_182, intervalMicroseconds: 30_000_000)
                let started = ContinuousClock.now
                await #expect(throws: RPCError(code: .deadlineExceeded, message: "deadline exceeded")) {
                    try await client.fullDuplexCall(timeout: .milliseconds(100), requests: { try await $0.send(request) },
                                                    responses: { responses in for try await _ in responses {} })
                }
                #expect(ContinuousClock.now - started < .seconds(10), "the deadline, not the server, ended the call")
            }
        }
    }

    @Test func serverEnforcesTheDeadlineItself() async throws {
        try await InteropHarness.withServer { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                let request = try RPCClientTestCodec.encode(
                    Arpc_Test_V1_StreamingOutputCallRequest.responses([1], intervalMicroseconds: 30_000_000))
                try await raw.send(
                    .call(streamID: 1, CallHead(method: Arpc_Test_V1_TestService.Method.streamingOutputCall, timeoutMicroseconds: 50_000)),
                    .message(streamID: 1, request, flags: .endStream))
                let frame = try await raw.nextSignificant()
                guard case .trailers(1, let trailers)? = frame else {
                    Issue.record("expected trailers, got \(String(describing: frame))")
                    return
                }
                #expect(trailers.status.code == .deadlineExceeded)
            }
        }
    }

    @Test func aCallQueuedBehindTheStreamLimitStillMeetsItsDeadline() async throws {
        try await InteropHarness.withServer(configure: { $0.settings.maxConcurrentStreams = 1 }) { server in
            try await server.withTestClient { client in
                let (started, signal) = AsyncStream<Void>.makeStream()
                // One call holds the only stream...
                let holder = Task {
                    try await client.fullDuplexCall(requests: { sink in
                        try await sink.send(.responses([1]))
                        try await Task.sleep(for: .seconds(3600))  // until cancelled
                    }, responses: { responses in
                        for try await _ in responses { signal.yield() }
                    })
                }
                var iterator = started.makeAsyncIterator()
                await iterator.next()
                // ...so this one waits for a stream, and its deadline passes while it waits.
                await #expect(throws: RPCError(code: .deadlineExceeded, message: "deadline exceeded")) {
                    try await client.emptyCall(Arpc_Test_V1_Empty(), timeout: .milliseconds(100))
                }
                holder.cancel()
                _ = await holder.result
            }
        }
    }

    static func isCancellation<T>(_ result: Result<T, any Error>) -> Bool {
        switch result {
        case .success: false
        case .failure(let error as RPCError): error.code == .cancelled
        case .failure(let error): error is CancellationError
        }
    }
}

enum RPCClientTestCodec {
    static func encode(_ message: some RPCMessage) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        try message.serialize(into: &buffer)
        return buffer
    }
}

import NIOCore
import Protos
import RPCServer
import TestSupport
import Testing
import Wire

/// A unary call's request as the server takes it: one message, whether the
/// client's end comes with it or later, and a clear status otherwise.
@Suite("Unary requests", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct UnaryRequestTests {
    static let emptyCall = Arpc_Test_V1_TestService.Method.emptyCall

    /// Sends `frames` on a fresh connection, each group in one write (a
    /// message and its end in one write usually reach the handler together),
    /// and returns the server's frames up to the call's trailers.
    func finish(_ writes: [Frame]...) async throws -> [Frame] {
        try await InteropHarness.withServer { server in
            try await RawConnection.with(port: server.port) { raw in
                _ = try await raw.handshake()
                for frames in writes {
                    var buffer = ByteBuffer()
                    for frame in frames { frame.encode(into: &buffer) }
                    try await raw.send(bytes: buffer)
                }
                var received: [Frame] = []
                while let frame = try await raw.nextSignificant() {
                    received.append(frame)
                    if case .trailers = frame { break }
                }
                return received
            }
        }
    }

    @Test func theMessageWithTheEndIsAnswered() async throws {
        let frames = try await finish([
            .call(streamID: 1, CallHead(method: Self.emptyCall)),
            .message(streamID: 1, ByteBuffer(), flags: .endStream),
        ])
        #expect(frames == [.message(streamID: 1, ByteBuffer(), flags: []), .trailers(streamID: 1, Trailers(status: .ok))])
    }

    @Test func theEndArrivingAfterTheMessageIsAnswered() async throws {
        let frames = try await finish(
            [.call(streamID: 1, CallHead(method: Self.emptyCall)), .message(streamID: 1, ByteBuffer(), flags: [])],
            [.endStream(streamID: 1)])
        #expect(frames == [.message(streamID: 1, ByteBuffer(), flags: []), .trailers(streamID: 1, Trailers(status: .ok))])
    }

    @Test func noMessageIsAnInternalError() async throws {
        let frames = try await finish([.call(streamID: 1, CallHead(method: Self.emptyCall, endStream: true))])
        #expect(frames == [.trailers(streamID: 1, Trailers(
            status: Status(code: .internal, message: "the call ended without a request message")))])
    }

    @Test(arguments: [true, false])
    func twoMessagesAreAnInternalError(endWithTheSecond: Bool) async throws {
        let first: [Frame] = [.call(streamID: 1, CallHead(method: Self.emptyCall)), .message(streamID: 1, ByteBuffer(), flags: [])]
        let frames = endWithTheSecond
            ? try await finish(first + [.message(streamID: 1, ByteBuffer(), flags: .endStream)])
            : try await finish(first, [.message(streamID: 1, ByteBuffer(), flags: [])], [.endStream(streamID: 1)])
        #expect(frames == [.trailers(streamID: 1, Trailers(
            status: Status(code: .internal, message: "a unary request must be exactly one message")))])
    }
}

import Foundation
import NIOCore
import Protos
@testable import RPCServer
import ServiceLifecycle
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// A client that grants the largest window (2^31-1) and then reads nothing
/// cannot make the server buffer its responses without bound: response
/// writers wait while the connection is not writable. Seen from a raw
/// client with a small receive buffer, against a handler that floods 16 MiB;
/// the server reports each time a writer starts waiting (a test hook), and
/// the test then reads the channel's unwritten bytes.
@Suite("Server: outbound backpressure", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct WritabilityTests {
    enum Event: Sendable {
        case waiting(any Channel)
        case wroteAll
        case ended(any Error)
    }

    static let flood = "/arpc.test.v1.Flood/Flood"
    static let messages = 256
    static let messageSize: Int32 = 64 * 1024
    static let marks = ChannelOptions.Types.WriteBufferWaterMark(low: 32 * 1024, high: 128 * 1024)
    /// What the server may hold: the channel past its high mark by a batch of
    /// reserved messages (below the high mark plus one message), TLS framing aside.
    static let bound = 2 * marks.high + Int(messageSize) + 16 * 1024

    /// A server whose `Flood` method writes `messages` responses of `messageSize`, reporting to `events`.
    static func withFloodServer<Result: Sendable>(
        grace: TimeAmount = .seconds(30), _ body: (InteropHarness, AsyncStream<Event>) async throws -> Result
    ) async throws -> Result {
        let (events, sink) = AsyncStream<Event>.makeStream()
        return try await InteropHarness.withServer(configure: {
            $0.writeBufferWaterMark = marks
            $0.shutdownGracePeriod = grace
            $0.onWriterWaitingForRoom = { sink.yield(.waiting($0)) }
        }, routes: { router in
            router.serverStreaming(flood, access: .public) { (request: Arpc_Test_V1_StreamingOutputCallRequest, writer: ResponseWriter<Arpc_Test_V1_StreamingOutputCallResponse>, _) in
                do {
                    for (index, parameters) in request.responseParameters.enumerated() {
                        var response = Arpc_Test_V1_StreamingOutputCallResponse()
                        response.payload.body = Data(repeating: UInt8(index % 251), count: Int(parameters.size))
                        try await writer.write(response)
                    }
                    sink.yield(.wroteAll)
                } catch {
                    sink.yield(.ended(error))
                    throw error
                }
            }
        }) { server in try await body(server, events) }
    }

    /// Opens the flood call with the largest window, reads nothing, and returns the first thing the server reports.
    static func startFlood(_ raw: RawConnection, _ events: AsyncStream<Event>, timeoutMicroseconds: UInt64 = 0) async throws -> Event? {
        #expect(try await raw.handshake(Settings(initialWindowSize: UInt32(Settings.maximumWindow))) != nil)
        let request = Arpc_Test_V1_StreamingOutputCallRequest.responses(Array(repeating: messageSize, count: messages))
        try await raw.send(
            .call(streamID: 1, CallHead(method: flood, timeoutMicroseconds: timeoutMicroseconds)),
            .message(streamID: 1, ByteBuffer(bytes: try request.serializedBytes() as [UInt8]), flags: .endStream))
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
    }

    @Test func aClientThatDoesNotReadHoldsTheWriterBackAndLosesNothing() async throws {
        try await Self.withFloodServer { server, events in
            try await RawConnection.with(port: server.port, receiveBuffer: 64 * 1024) { raw in
                let first = try await Self.startFlood(raw, events)
                guard case .waiting(let channel) = first else {
                    Issue.record("the handler did not wait for room: \(String(describing: first))")
                    return
                }
                let buffered = try await channel.getOption(.bufferedWritableBytes).get()
                #expect(buffered <= Self.bound, "the server holds \(buffered) unwritten bytes for a client that reads nothing")
                // Reading again lets the writer go on: every message arrives, in order, then OK.
                var received = 0
                while let event = try await raw.next() {
                    guard case .frame(let frame) = event else { continue }
                    if case .message(1, let payload, _) = frame {
                        let response = try Arpc_Test_V1_StreamingOutputCallResponse(serializedBytes: Array(payload.readableBytesView))
                        #expect(response.payload.body == Data(repeating: UInt8(received % 251), count: Int(Self.messageSize)))
                        received += 1
                    } else if case .trailers(1, let trailers) = frame {
                        #expect(trailers.status.code == .ok)
                        break
                    }
                }
                #expect(received == Self.messages)
            }
        }
    }

    @Test func aDeadlineEndsAWriterWaitingForRoom() async throws {
        try await Self.withFloodServer { server, events in
            try await RawConnection.with(port: server.port, receiveBuffer: 64 * 1024) { raw in
                let first = try await Self.startFlood(raw, events, timeoutMicroseconds: 3_000_000)
                guard case .waiting = first else {
                    Issue.record("the handler did not wait for room: \(String(describing: first))")
                    return
                }
                let ended = await Self.firstEvent(events) { if case .ended = $0 { true } else { false } }
                guard case .ended(let error)? = ended else {
                    Issue.record("the writer did not end: \(String(describing: ended))")
                    return
                }
                #expect((error as? RPCError)?.code == .deadlineExceeded)
            }
        }
    }

    @Test func shutdownEndsAWriterWaitingForRoom() async throws {
        try await Self.withFloodServer(grace: .milliseconds(100)) { server, events in
            try await RawConnection.with(port: server.port, receiveBuffer: 64 * 1024) { raw in
                guard case .waiting = try await Self.startFlood(raw, events) else {
                    Issue.record("the handler did not wait for room")
                    return
                }
                await server.group.triggerGracefulShutdown()
                let ended = await Self.firstEvent(events) { if case .ended = $0 { true } else { false } }
                guard case .ended(let error)? = ended else {
                    Issue.record("the writer did not end: \(String(describing: ended))")
                    return
                }
                #expect((error as? RPCError)?.code == .unavailable)
            }
        }
    }

    /// The first event matching `wanted`, skipping others; nil if the stream ends first.
    static func firstEvent(_ events: AsyncStream<Event>, until wanted: (Event) -> Bool) async -> Event? {
        for await event in events where wanted(event) { return event }
        return nil
    }
}

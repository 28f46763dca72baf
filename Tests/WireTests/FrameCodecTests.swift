import Foundation
import NIOCore
import NIOTestUtils
import Testing
@testable import Wire

@Suite("Frame codec")
struct FrameCodecTests {
    static let everyFrame: [Frame] = [
        .settings(Settings(maxConcurrentStreams: 7, initialWindowSize: 1, maxMessageSize: 99, maxMetadataSize: 3)),
        .call(streamID: 1, CallHead(method: "/a.B/C", timeoutMicroseconds: 1_500_000,
                                    metadata: ["x-tenant-hint": .string("abc"), "trace-bin": .binary([0, 255, 10])],
                                    endStream: true)),
        .call(streamID: 3, CallHead(method: "/a.B/D")),
        .headers(streamID: 1, ["initial": .string("yes"), "initial": .string("again")]),
        .message(streamID: 1, ByteBuffer(bytes: [1, 2, 3]), flags: .endStream),
        .message(streamID: 5, ByteBuffer(), flags: []),
        .endStream(streamID: 9),
        .trailers(streamID: 1, Trailers(status: Status(code: .notFound, message: "\t\r\n ☺ 😈"),
                                        metadata: ["trailer-bin": .binary(Array(0...255))])),
        .trailers(streamID: 2, Trailers(status: .ok)),
        .cancel(streamID: 4, .deadlineExceeded),
        .windowUpdate(streamID: 4, increment: 65_536),
        .ping(0x0102_0304_0506_0708, ack: false),
        .ping(42, ack: true),
        .goAway(GoAway(lastStreamID: 77, code: .enhanceYourCalm, message: "too many pings")),
    ]

    func encode(_ frames: [Frame]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { frame.encode(into: &buffer) }
        return buffer
    }

    @Test(arguments: everyFrame)
    func roundTrips(_ frame: Frame) throws {
        var buffer = encode([frame])
        var decoder = FrameDecoder(expectsPreface: false)
        #expect(try decoder.decode(buffer: &buffer) == .frame(frame))
        #expect(buffer.readableBytes == 0)
    }

    @Test func byteByByteAndRandomSplitsDecodeTheSame() throws {
        // The verifier feeds one decoder the input whole, byte by byte, and
        // many copies at once in random order, so the input must be repeatable:
        // the preface, sent once per connection, is checked below.
        let pairs = Self.everyFrame.map { frame in (encode([frame]), [FrameDecoder.Event.frame(frame)]) }
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: pairs,
            decoderFactory: { FrameDecoder(expectsPreface: false) }
        )
    }

    @Test func prefaceArrivingByteByByte() throws {
        var decoder = FrameDecoder(expectsPreface: true)
        var input = ByteBuffer(bytes: ConnectionPreface.current.bytes)
        Frame.ping(3, ack: true).encode(into: &input)
        var events: [FrameDecoder.Event] = []
        var pending = ByteBuffer()
        while let byte = input.readInteger(as: UInt8.self) {
            pending.writeInteger(byte)
            while let event = try decoder.decode(buffer: &pending) { events.append(event) }
        }
        #expect(events == [.preface(.current), .frame(.ping(3, ack: true))])
    }

    @Test func unknownFrameTypesAreSkipped() throws {
        var buffer = ByteBuffer()
        buffer.writeFrameHeader(FrameHeader(type: FrameType(rawValue: 0x7F), flags: [], streamID: 3, length: 4))
        buffer.writeBytes([9, 9, 9, 9])
        Frame.ping(1, ack: false).encode(into: &buffer)
        var decoder = FrameDecoder(expectsPreface: false)
        let unknown = FrameHeader(type: FrameType(rawValue: 0x7F), flags: [], streamID: 3, length: 4)
        #expect(try decoder.decode(buffer: &buffer) == .frame(.unknown(unknown)))
        #expect(try decoder.decode(buffer: &buffer) == .frame(.ping(1, ack: false)))
    }

    @Test func theProtocolDocumentsExampleBytesDecode() throws {
        // docs/PROTOCOL.md, section 9, the client's bytes.
        let hex = "415250430D0A0100" + "00000000000000000000"
            + "010000000001" + "0000002F" + "0023" + Array("/arpc.test.v1.TestService/EmptyCall".utf8).hex
            + "0000000000000000" + "0000" + "03010000000100000000"
        var buffer = ByteBuffer(bytes: try [UInt8](hex: hex))
        var decoder = FrameDecoder(expectsPreface: true)
        #expect(try decoder.decode(buffer: &buffer) == .preface(ConnectionPreface(major: 1, minor: 0)))
        #expect(try decoder.decode(buffer: &buffer) == .frame(.settings(.defaults)))
        #expect(try decoder.decode(buffer: &buffer) == .frame(.call(streamID: 1, CallHead(method: "/arpc.test.v1.TestService/EmptyCall"))))
        #expect(try decoder.decode(buffer: &buffer) == .frame(.message(streamID: 1, ByteBuffer(), flags: .endStream)))
        #expect(buffer.readableBytes == 0)
    }

    @Test func trailerMessagesAreCutAtACharacterBoundary() throws {
        let long = String(repeating: "é", count: 3000)  // 6000 bytes
        var buffer = encode([.trailers(streamID: 1, Trailers(status: Status(code: .internal, message: long)))])
        var decoder = FrameDecoder(expectsPreface: false)
        guard case .frame(.trailers(_, let trailers)) = try decoder.decode(buffer: &buffer) else {
            Issue.record("no trailers")
            return
        }
        #expect(trailers.status.message == String(repeating: "é", count: 2048))
    }
}

extension [UInt8] {
    var hex: String { map { String(format: "%02X", $0) }.joined() }

    init(hex: String) throws {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { throw WireError(code: .internalError, message: "bad hex") }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }
}

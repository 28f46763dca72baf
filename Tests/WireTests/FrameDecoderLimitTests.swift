import NIOCore
import Testing
@testable import Wire

@Suite("Frame decoder limits and bad input")
struct FrameDecoderLimitTests {
    @Test func oversizeMessageIsReportedFromItsHeaderAndItsPayloadNeverBuffered() throws {
        var decoder = FrameDecoder(expectsPreface: false, maxMessageSize: 1024)
        var buffer = ByteBuffer()
        buffer.writeFrameHeader(FrameHeader(type: .message, flags: [], streamID: 5, length: 1_000_000))
        // Only the header has arrived: the verdict comes before any payload.
        #expect(try decoder.decode(buffer: &buffer) == .messageTooLarge(streamID: 5, length: 1_000_000))
        // The payload streams through in chunks and is dropped as it comes.
        var remaining = 1_000_000
        while remaining > 0 {
            let chunk = min(remaining, 64 * 1024)
            var piece = ByteBuffer(repeating: 0xAB, count: chunk)
            #expect(try decoder.decode(buffer: &piece) == nil)
            #expect(piece.readableBytes == 0, "discarded, not kept")
            remaining -= chunk
        }
        var next = ByteBuffer()
        Frame.ping(7, ack: false).encode(into: &next)
        #expect(try decoder.decode(buffer: &next) == .frame(.ping(7, ack: false)))
    }

    @Test func oversizeControlFrameIsAConnectionError() {
        var decoder = FrameDecoder(expectsPreface: false)
        var buffer = ByteBuffer()
        buffer.writeFrameHeader(FrameHeader(type: .call, flags: [], streamID: 1, length: 65_537))
        #expect(throws: WireError(code: .frameSizeError, message: "CALL frame of 65537 bytes exceeds 65536")) {
            try decoder.decode(buffer: &buffer)
        }
    }

    @Test func badPrefaceIsAProtocolError() {
        var decoder = FrameDecoder(expectsPreface: true)
        var buffer = ByteBuffer(string: "GET / HTTP/1.1\r\n")
        #expect(throws: WireError(code: .protocolError, message: "bad connection preface")) {
            try decoder.decode(buffer: &buffer)
        }
    }

    @Test func unsupportedVersionStillParsesForTheConnectionToRefuse() throws {
        var decoder = FrameDecoder(expectsPreface: true)
        var buffer = ByteBuffer(bytes: ConnectionPreface(major: 2, minor: 5).bytes)
        #expect(try decoder.decode(buffer: &buffer) == .preface(ConnectionPreface(major: 2, minor: 5)))
    }

    @Test(arguments: [
        // type, stream, payload: each malformed for its type
        (FrameType.settings, UInt32(0), [UInt8](repeating: 0, count: 5)),
        (.settings, 1, []),
        (.call, 0, [0, 0]),
        (.call, 1, [0, 5, 0x2F]),
        (.call, 1, [0, 1, 0xFF] + [UInt8](repeating: 0, count: 10)),
        (.endStream, 1, [1]),
        (.trailers, 1, [0, 0]),
        (.cancel, 1, []),
        (.windowUpdate, 1, [0, 0, 0, 0]),
        (.windowUpdate, 1, [0x80, 0, 0, 0]),
        (.windowUpdate, 0, [0, 0, 0, 1]),
        (.ping, 0, [1, 2, 3]),
        (.ping, 1, [UInt8](repeating: 0, count: 8)),
        (.goAway, 0, [0, 0, 0, 0]),
        (.headers, 1, [0, 1, 0]),
        (.settings, 0, [0, 2, 0, 0, 0, 0]),
    ])
    func malformedPayloadsAreProtocolErrors(_ type: FrameType, _ streamID: UInt32, _ payload: [UInt8]) {
        var buffer = ByteBuffer()
        buffer.writeFrameHeader(FrameHeader(type: type, flags: [], streamID: streamID, length: UInt32(payload.count)))
        buffer.writeBytes(payload)
        var decoder = FrameDecoder(expectsPreface: false)
        do {
            let event = try decoder.decode(buffer: &buffer)
            Issue.record("decoded \(String(describing: event))")
        } catch {
            #expect(error.code == .protocolError)
        }
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var decoder = FrameDecoder(expectsPreface: Bool.random(using: &generator))
            let count = Int.random(in: 0...64, using: &generator)
            var buffer = ByteBuffer(bytes: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
            // Bounded: each decode consumes input or returns nil.
            while true {
                guard let event = try? decoder.decode(buffer: &buffer) else { break }
                _ = event
            }
        }
    }
}

@Suite("Connection preface")
struct ConnectionPrefaceTests {
    @Test func aShortBadPrefaceIsRefusedWithoutWaitingForEightBytes() throws {
        var decoder = FrameDecoder(expectsPreface: true)
        var good = ByteBuffer(string: "ARP")
        let waiting = try decoder.decode(buffer: &good)
        #expect(waiting == nil, "a correct start waits for more")
        var bad = ByteBuffer(string: "GE")
        #expect(throws: WireError(code: .protocolError, message: "bad connection preface")) {
            var fresh = FrameDecoder(expectsPreface: true)
            _ = try fresh.decode(buffer: &bad)
        }
    }
}

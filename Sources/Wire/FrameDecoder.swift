public import NIOCore

/// Decodes the byte stream of a connection into frames.
///
/// Each frame's length is checked against its limit from the 10-byte header,
/// before any of its payload is buffered: an oversized MESSAGE is skipped as
/// its bytes arrive (reported as `messageTooLarge`, a stream error), any other
/// oversized frame is a connection error. A server-side decoder first expects
/// the connection preface.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder {
    public enum Event: Hashable, Sendable {
        case preface(ConnectionPreface)
        case frame(Frame)
        /// A MESSAGE larger than `maxMessageSize`; its payload is being discarded unread.
        case messageTooLarge(streamID: UInt32, length: UInt32)
    }

    public typealias InboundOut = Event

    enum State: Hashable {
        case awaitingPreface
        case awaitingHeader
        case discarding(remaining: Int)
    }

    private(set) var state: State
    /// The largest MESSAGE payload accepted (this endpoint's MAX_MESSAGE_SIZE).
    public var maxMessageSize: Int

    public init(expectsPreface: Bool, maxMessageSize: Int = Int(Settings.defaults.maxMessageSize)) {
        self.state = expectsPreface ? .awaitingPreface : .awaitingHeader
        self.maxMessageSize = maxMessageSize
    }

    public mutating func decode(buffer: inout ByteBuffer) throws(WireError) -> Event? {
        while true {
            switch state {
            case .awaitingPreface:
                // Each byte of the magic is checked as soon as it arrives.
                let seen = buffer.readableBytesView.prefix(ConnectionPreface.magic.count)
                guard seen.elementsEqual(ConnectionPreface.magic.prefix(seen.count)) else {
                    throw WireError(code: .protocolError, message: "bad connection preface")
                }
                guard let bytes = buffer.readBytes(length: ConnectionPreface.size) else { return nil }
                state = .awaitingHeader
                return .preface(ConnectionPreface(major: bytes[6], minor: bytes[7]))

            case .discarding(let remaining):
                let count = min(remaining, buffer.readableBytes)
                buffer.moveReaderIndex(forwardBy: count)
                guard count == remaining else {
                    state = .discarding(remaining: remaining - count)
                    return nil
                }
                state = .awaitingHeader

            case .awaitingHeader:
                return try decodeFrame(&buffer)
            }
        }
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws(WireError) -> Event? {
        try decode(buffer: &buffer)
    }

    private mutating func decodeFrame(_ buffer: inout ByteBuffer) throws(WireError) -> Event? {
        guard let header = buffer.peekFrameHeader() else { return nil }
        let length = Int(header.length)
        if header.type == .message {
            if length > maxMessageSize {
                buffer.moveReaderIndex(forwardBy: FrameHeader.size)
                state = .discarding(remaining: length)
                if length == 0 { state = .awaitingHeader }
                return .messageTooLarge(streamID: header.streamID, length: header.length)
            }
        } else if length > FrameHeader.maximumControlPayload {
            throw WireError(
                code: .frameSizeError,
                message: "\(header.type) frame of \(length) bytes exceeds \(FrameHeader.maximumControlPayload)"
            )
        }
        guard buffer.readableBytes >= FrameHeader.size + length else { return nil }
        buffer.moveReaderIndex(forwardBy: FrameHeader.size)
        var payload = buffer.readSlice(length: length)!
        return .frame(try Frame.parse(header, payload: &payload))
    }
}

extension ByteBuffer {
    /// The header at the reader index, without consuming it.
    func peekFrameHeader() -> FrameHeader? {
        guard readableBytes >= FrameHeader.size,
            let type = getInteger(at: readerIndex, as: UInt8.self),
            let flags = getInteger(at: readerIndex + 1, as: UInt8.self),
            let streamID = getInteger(at: readerIndex + 2, as: UInt32.self),
            let length = getInteger(at: readerIndex + 6, as: UInt32.self)
        else { return nil }
        return FrameHeader(type: FrameType(rawValue: type), flags: FrameFlags(rawValue: flags), streamID: streamID, length: length)
    }
}

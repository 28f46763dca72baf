public import NIOCore

extension Frame {
    /// Appends the frame, header and payload, to `buffer`.
    public func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .message(let streamID, let payload, let flags):
            buffer.writeFrameHeader(FrameHeader(type: .message, flags: flags, streamID: streamID,
                                                length: UInt32(payload.readableBytes)))
            buffer.writeImmutableBuffer(payload)
        default:
            let start = buffer.writerIndex
            buffer.writeFrameHeader(FrameHeader(type: type, flags: flags, streamID: streamID, length: 0))
            writePayload(into: &buffer)
            buffer.setInteger(UInt32(buffer.writerIndex - start - FrameHeader.size), at: start + 6)
        }
    }

    /// The frame's type byte.
    public var type: FrameType {
        switch self {
        case .settings: .settings
        case .call: .call
        case .headers: .headers
        case .message: .message
        case .endStream: .endStream
        case .trailers: .trailers
        case .cancel: .cancel
        case .windowUpdate: .windowUpdate
        case .ping: .ping
        case .goAway: .goAway
        case .unknown(let header): header.type
        }
    }

    var flags: FrameFlags {
        switch self {
        case .call(_, let head): head.endStream ? .endStream : []
        case .message(_, _, let flags): flags
        case .ping(_, let ack): ack ? .ack : []
        case .unknown(let header): header.flags
        default: []
        }
    }

    private func writePayload(into buffer: inout ByteBuffer) {
        switch self {
        case .settings(let settings):
            let entries: [(Settings.Identifier, UInt32)] = [
                (.maxConcurrentStreams, settings.maxConcurrentStreams), (.initialWindowSize, settings.initialWindowSize),
                (.maxMessageSize, settings.maxMessageSize), (.maxMetadataSize, settings.maxMetadataSize),
            ]
            for (identifier, value) in entries {
                buffer.writeInteger(identifier.rawValue)
                buffer.writeInteger(value)
            }
        case .call(_, let head):
            buffer.writeWireString(head.method)
            buffer.writeInteger(head.timeoutMicroseconds)
            buffer.writeMetadata(head.metadata)
        case .headers(_, let metadata):
            buffer.writeMetadata(metadata)
        case .trailers(_, let trailers):
            buffer.writeInteger(trailers.status.code.rawValue)
            buffer.writeWireString(trailers.status.message, maximumBytes: 4096)
            buffer.writeMetadata(trailers.metadata)
        case .cancel(_, let code):
            buffer.writeInteger(code.rawValue)
        case .windowUpdate(_, let increment):
            buffer.writeInteger(increment)
        case .ping(let payload, _):
            buffer.writeInteger(payload)
        case .goAway(let goAway):
            buffer.writeInteger(goAway.lastStreamID)
            buffer.writeInteger(goAway.code.rawValue)
            buffer.writeWireString(goAway.message, maximumBytes: 1024)
        case .message, .endStream, .unknown:
            break
        }
    }
}

extension ByteBuffer {
    mutating func writeFrameHeader(_ header: FrameHeader) {
        writeInteger(header.type.rawValue)
        writeInteger(header.flags.rawValue)
        writeInteger(header.streamID)
        writeInteger(header.length)
    }

    /// A 2-byte length and UTF-8, cut at a character boundary to `maximumBytes`.
    mutating func writeWireString(_ text: String, maximumBytes: Int = Int(UInt16.max)) {
        var utf8 = Substring(text).utf8
        if utf8.count > maximumBytes {
            var end = utf8.index(utf8.startIndex, offsetBy: maximumBytes)
            while end > utf8.startIndex, !text.unicodeScalars.indices.contains(end) { end = utf8.index(before: end) }
            utf8 = Substring(text)[..<end].utf8
        }
        writeInteger(UInt16(utf8.count))
        writeBytes(utf8)
    }

    /// Entries beyond what the format can carry are never produced: callers
    /// validate metadata (`Metadata.invalidReason`) before sending.
    mutating func writeMetadata(_ metadata: Metadata) {
        writeInteger(UInt16(clamping: metadata.entries.count))
        for (key, value) in metadata.entries.prefix(Int(UInt16.max)) {
            let keyBytes = key.utf8.prefix(255)
            writeInteger(UInt8(keyBytes.count))
            writeBytes(keyBytes)
            let bytes = value.bytes.prefix(Int(UInt16.max))
            writeInteger(UInt16(bytes.count))
            writeBytes(bytes)
        }
    }
}

extension ConnectionPreface {
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes(bytes)
    }
}

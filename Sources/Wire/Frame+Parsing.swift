import NIOCore

extension Frame {
    /// Parses a frame's payload; any malformation is a connection error.
    static func parse(_ header: FrameHeader, payload: inout ByteBuffer) throws(WireError) -> Frame {
        var reader = PayloadReader(type: header.type, buffer: payload)
        let frame: Frame
        switch header.type {
        case .settings:
            try reader.require(streamID: header.streamID, isZero: true)
            frame = .settings(try reader.settings())
        case .call:
            try reader.require(streamID: header.streamID, isZero: false)
            let method = try reader.string()
            let timeout = try reader.integer(UInt64.self)
            let metadata = try reader.metadata()
            frame = .call(
                streamID: header.streamID,
                CallHead(method: method, timeoutMicroseconds: timeout, metadata: metadata,
                         endStream: header.flags.contains(.endStream))
            )
        case .headers:
            try reader.require(streamID: header.streamID, isZero: false)
            frame = .headers(streamID: header.streamID, try reader.metadata())
        case .message:
            try reader.require(streamID: header.streamID, isZero: false)
            frame = .message(streamID: header.streamID, reader.rest(), flags: header.flags)
        case .endStream:
            try reader.require(streamID: header.streamID, isZero: false)
            frame = .endStream(streamID: header.streamID)
        case .trailers:
            try reader.require(streamID: header.streamID, isZero: false)
            let code = StatusCode(rawValue: try reader.integer(UInt8.self))
            let message = try reader.string()
            frame = .trailers(streamID: header.streamID, Trailers(status: Status(code: code, message: message),
                                                                  metadata: try reader.metadata()))
        case .cancel:
            try reader.require(streamID: header.streamID, isZero: false)
            frame = .cancel(streamID: header.streamID, StatusCode(rawValue: try reader.integer(UInt8.self)))
        case .windowUpdate:
            try reader.require(streamID: header.streamID, isZero: false)
            let increment = try reader.integer(UInt32.self)
            guard increment >= 1, Int64(increment) <= Settings.maximumWindow else {
                throw WireError.malformed(.windowUpdate, "increment \(increment) outside 1...2^31-1")
            }
            frame = .windowUpdate(streamID: header.streamID, increment: increment)
        case .ping:
            try reader.require(streamID: header.streamID, isZero: true)
            frame = .ping(try reader.integer(UInt64.self), ack: header.flags.contains(.ack))
        case .goAway:
            try reader.require(streamID: header.streamID, isZero: true)
            let lastStreamID = try reader.integer(UInt32.self)
            let code = GoAwayCode(rawValue: try reader.integer(UInt32.self))
            frame = .goAway(GoAway(lastStreamID: lastStreamID, code: code, message: try reader.string()))
        default:
            return .unknown(header)
        }
        try reader.requireEnd()
        return frame
    }
}

/// Reads the fields of one frame's payload, failing with PROTOCOL_ERROR.
struct PayloadReader {
    let type: FrameType
    var buffer: ByteBuffer

    func fail(_ reason: String) -> WireError { .malformed(type, reason) }

    func require(streamID: UInt32, isZero: Bool) throws(WireError) {
        guard (streamID == 0) == isZero else {
            throw fail(isZero ? "must be on stream 0" : "must not be on stream 0")
        }
    }

    func requireEnd() throws(WireError) {
        guard buffer.readableBytes == 0 else { throw fail("\(buffer.readableBytes) unexpected trailing bytes") }
    }

    mutating func integer<I: FixedWidthInteger>(_: I.Type) throws(WireError) -> I {
        guard let value = buffer.readInteger(as: I.self) else { throw fail("truncated") }
        return value
    }

    mutating func bytes(_ count: Int) throws(WireError) -> ByteBuffer {
        guard let slice = buffer.readSlice(length: count) else { throw fail("truncated") }
        return slice
    }

    mutating func rest() -> ByteBuffer {
        buffer.readSlice(length: buffer.readableBytes)!
    }

    /// A 2-byte length and that many bytes of UTF-8.
    mutating func string() throws(WireError) -> String {
        let slice = try bytes(Int(try integer(UInt16.self)))
        guard let text = String(validating: slice.readableBytesView, as: UTF8.self) else {
            throw fail("string is not valid UTF-8")
        }
        return text
    }

    mutating func settings() throws(WireError) -> Settings {
        guard buffer.readableBytes % 6 == 0 else { throw fail("length is not a multiple of 6") }
        var settings = Settings.defaults
        while buffer.readableBytes > 0 {
            let identifier = try integer(UInt16.self)
            let value = try integer(UInt32.self)
            switch Settings.Identifier(rawValue: identifier) {
            case .maxConcurrentStreams: settings.maxConcurrentStreams = value
            case .initialWindowSize:
                guard value >= 1, Int64(value) <= Settings.maximumWindow else {
                    throw fail("INITIAL_WINDOW_SIZE \(value) outside 1...2^31-1")
                }
                settings.initialWindowSize = value
            case .maxMessageSize: settings.maxMessageSize = value
            case .maxMetadataSize: settings.maxMetadataSize = value
            case nil: continue
            }
        }
        return settings
    }

    /// A metadata block. Structure only: key and value rules are checked by
    /// the receiver of the call (`Metadata.invalidReason`), as a stream error.
    mutating func metadata() throws(WireError) -> Metadata {
        var metadata = Metadata()
        for _ in 0..<(try integer(UInt16.self)) {
            let keyLength = Int(try integer(UInt8.self))
            guard keyLength > 0 else { throw fail("empty metadata key") }
            let keyBytes = try bytes(keyLength)
            let key = String(decoding: keyBytes.readableBytesView, as: UTF8.self)
            let valueBytes = Array(try bytes(Int(try integer(UInt16.self))).readableBytesView)
            if Metadata.isBinaryKey(key) || !Metadata.isValidTextValue(valueBytes) {
                metadata.appendRaw(key, .binary(valueBytes))
            } else {
                metadata.appendRaw(key, .string(String(decoding: valueBytes, as: UTF8.self)))
            }
        }
        return metadata
    }
}

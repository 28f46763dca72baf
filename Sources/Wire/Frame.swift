public import NIOCore

/// One frame of ARPC/1 (docs/PROTOCOL.md, section 2), parsed.
public enum Frame: Hashable, Sendable {
    case settings(Settings)
    /// Opens stream `streamID`; `timeout` in microseconds, 0 for none.
    case call(streamID: UInt32, CallHead)
    /// The server's initial metadata.
    case headers(streamID: UInt32, Metadata)
    case message(streamID: UInt32, ByteBuffer, flags: FrameFlags)
    case endStream(streamID: UInt32)
    case trailers(streamID: UInt32, Trailers)
    case cancel(streamID: UInt32, StatusCode)
    case windowUpdate(streamID: UInt32, increment: UInt32)
    case ping(UInt64, ack: Bool)
    case goAway(GoAway)
    /// A frame of a type this version does not know; its payload was skipped.
    case unknown(FrameHeader)

    /// The stream the frame belongs to; 0 for connection frames.
    public var streamID: UInt32 {
        switch self {
        case .call(let id, _), .headers(let id, _), .message(let id, _, _), .endStream(let id),
            .trailers(let id, _), .cancel(let id, _), .windowUpdate(let id, _):
            id
        case .settings, .ping, .goAway:
            0
        case .unknown(let header):
            header.streamID
        }
    }
}

/// What a CALL frame carries.
public struct CallHead: Hashable, Sendable {
    /// `/package.Service/Method`.
    public var method: String
    /// Microseconds from receipt; 0 means no deadline.
    public var timeoutMicroseconds: UInt64
    public var metadata: Metadata
    /// The client sends no messages (END_STREAM flag on CALL).
    public var endStream: Bool

    public init(method: String, timeoutMicroseconds: UInt64 = 0, metadata: Metadata = [:], endStream: Bool = false) {
        self.method = method
        self.timeoutMicroseconds = timeoutMicroseconds
        self.metadata = metadata
        self.endStream = endStream
    }
}

/// What a TRAILERS frame carries.
public struct Trailers: Hashable, Sendable {
    public var status: Status
    public var metadata: Metadata

    public init(status: Status, metadata: Metadata = [:]) {
        self.status = status
        self.metadata = metadata
    }
}

extension ByteBuffer {
    /// This message on its own storage when it is a small slice of a large
    /// read buffer, so that a queued message never pins a whole read buffer.
    public var compacted: ByteBuffer {
        guard storageCapacity > 4 * readableBytes + 4096 else { return self }
        var copy = ByteBufferAllocator().buffer(capacity: readableBytes)
        copy.writeImmutableBuffer(self)
        return copy
    }
}

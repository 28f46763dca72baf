/// The fixed 10-byte frame header: type, flags, stream id, payload length.
public struct FrameHeader: Hashable, Sendable {
    public static let size = 10
    /// Largest payload of any frame other than MESSAGE.
    public static let maximumControlPayload = 65_536

    public var type: FrameType
    public var flags: FrameFlags
    public var streamID: UInt32
    public var length: UInt32

    public init(type: FrameType, flags: FrameFlags = [], streamID: UInt32, length: UInt32) {
        self.type = type
        self.flags = flags
        self.streamID = streamID
        self.length = length
    }
}

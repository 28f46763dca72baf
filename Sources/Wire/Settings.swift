/// The limits an endpoint announces in its SETTINGS frame: what it will accept.
public struct Settings: Hashable, Sendable {
    /// Open streams the peer may have at once.
    public var maxConcurrentStreams: UInt32
    /// Each new stream's flow-control window for data sent to the announcer.
    public var initialWindowSize: UInt32
    /// Largest MESSAGE payload the announcer accepts.
    public var maxMessageSize: UInt32
    /// Largest metadata block (as `Metadata.wireSize`) the announcer accepts.
    public var maxMetadataSize: UInt32

    public init(
        maxConcurrentStreams: UInt32 = 100,
        initialWindowSize: UInt32 = 262_144,
        maxMessageSize: UInt32 = 4 * 1024 * 1024,
        maxMetadataSize: UInt32 = 8192
    ) {
        self.maxConcurrentStreams = maxConcurrentStreams
        self.initialWindowSize = initialWindowSize
        self.maxMessageSize = maxMessageSize
        self.maxMetadataSize = maxMetadataSize
    }

    /// What an endpoint assumes until the peer's SETTINGS arrive.
    public static let defaults = Settings()

    /// The identifiers of SETTINGS entries.
    enum Identifier: UInt16 {
        case maxConcurrentStreams = 1
        case initialWindowSize = 2
        case maxMessageSize = 3
        case maxMetadataSize = 4
    }

    /// The largest window the protocol allows.
    public static let maximumWindow: Int64 = (1 << 31) - 1
}

/// The type byte of a frame header. A struct so unknown types can be carried
/// (and ignored, as the protocol requires).
public struct FrameType: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let settings = Self(rawValue: 0x00)
    public static let call = Self(rawValue: 0x01)
    public static let headers = Self(rawValue: 0x02)
    public static let message = Self(rawValue: 0x03)
    public static let endStream = Self(rawValue: 0x04)
    public static let trailers = Self(rawValue: 0x05)
    public static let cancel = Self(rawValue: 0x06)
    public static let windowUpdate = Self(rawValue: 0x07)
    public static let ping = Self(rawValue: 0x08)
    public static let goAway = Self(rawValue: 0x09)

    public var description: String {
        switch self {
        case .settings: "SETTINGS"
        case .call: "CALL"
        case .headers: "HEADERS"
        case .message: "MESSAGE"
        case .endStream: "END_STREAM"
        case .trailers: "TRAILERS"
        case .cancel: "CANCEL"
        case .windowUpdate: "WINDOW_UPDATE"
        case .ping: "PING"
        case .goAway: "GOAWAY"
        default: "UNKNOWN(0x\(String(rawValue, radix: 16)))"
        }
    }
}

/// Flag bits of a frame header; meanings depend on the frame type.
public struct FrameFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// CALL, MESSAGE: the client sends nothing more on the stream.
    public static let endStream = Self(rawValue: 0x01)
    /// MESSAGE: the payload is compressed (reserved; no compression in v1).
    public static let compressed = Self(rawValue: 0x02)
    /// PING: this answers a received PING.
    public static let ack = Self(rawValue: 0x01)
}

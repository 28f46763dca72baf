/// A violation of the protocol that is fatal to the connection: the peer is
/// told with GOAWAY(`code`, `message`), then the connection is closed.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: GoAwayCode
    public var message: String

    public init(code: GoAwayCode, message: String) {
        self.code = code
        self.message = message
    }

    static func malformed(_ type: FrameType, _ reason: String) -> WireError {
        WireError(code: .protocolError, message: "malformed \(type) frame: \(reason)")
    }

    public var description: String { "\(code): \(message)" }
}

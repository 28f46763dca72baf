/// Why a connection is being closed, carried by GOAWAY.
public struct GoAwayCode: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let noError = Self(rawValue: 0)
    public static let protocolError = Self(rawValue: 1)
    public static let internalError = Self(rawValue: 2)
    public static let flowControlError = Self(rawValue: 3)
    public static let frameSizeError = Self(rawValue: 4)
    public static let enhanceYourCalm = Self(rawValue: 5)
    public static let unsupportedVersion = Self(rawValue: 6)
    public static let identityRejected = Self(rawValue: 7)

    public var description: String {
        let names = [
            "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "FRAME_SIZE_ERROR",
            "ENHANCE_YOUR_CALM", "UNSUPPORTED_VERSION", "IDENTITY_REJECTED",
        ]
        return rawValue < names.count ? names[Int(rawValue)] : "CODE_\(rawValue)"
    }
}

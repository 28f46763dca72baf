/// The 8 bytes a client sends first: `ARPC\r\n`, major and minor version.
public struct ConnectionPreface: Hashable, Sendable {
    public static let magic: [UInt8] = Array("ARPC\r\n".utf8)
    public static let size = 8
    public static let current = ConnectionPreface(major: 1, minor: 0)
    public static let supportedMajorVersions: Set<UInt8> = [1]

    public var major: UInt8
    public var minor: UInt8

    public init(major: UInt8, minor: UInt8) {
        self.major = major
        self.minor = minor
    }

    public var bytes: [UInt8] { Self.magic + [major, minor] }
}

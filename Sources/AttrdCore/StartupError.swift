/// Why attrd refused to start: what it checked, and what went wrong.
public struct StartupError: Error, CustomStringConvertible {
    public let check: String
    public let reason: String

    public init(check: String, reason: String) {
        self.check = check
        self.reason = reason
    }

    public var description: String { "\(check): \(reason)" }
}

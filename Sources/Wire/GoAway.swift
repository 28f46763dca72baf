/// A GOAWAY frame's content: the highest stream the sender processes, why, and a message.
public struct GoAway: Hashable, Sendable {
    public var lastStreamID: UInt32
    public var code: GoAwayCode
    public var message: String

    public init(lastStreamID: UInt32, code: GoAwayCode, message: String = "") {
        self.lastStreamID = lastStreamID
        self.code = code
        self.message = message
    }
}

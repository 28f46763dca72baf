/// A failed call: a non-OK status code, a message for people, and trailing
/// metadata. Handlers throw it; clients receive it.
///
/// `cause` is the error behind it, for the server's log: it is never sent,
/// and it takes no part in equality.
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var metadata: Metadata
    public var cause: (any Error)?

    public init(code: StatusCode, message: String, metadata: Metadata = [:], cause: (any Error)? = nil) {
        precondition(code != .ok, "an RPCError cannot have status OK")
        self.code = code
        self.message = message
        self.metadata = metadata
        self.cause = cause
    }

    public var description: String {
        message.isEmpty ? "\(code)" : "\(code): \(message)"
    }

    public static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.metadata == rhs.metadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(metadata)
    }
}

/// The status a call ended with.
public struct Status: Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String

    public init(code: StatusCode, message: String = "") {
        self.code = code
        self.message = message
    }

    public static let ok = Status(code: .ok)

    public var description: String { message.isEmpty ? "\(code)" : "\(code): \(message)" }
}

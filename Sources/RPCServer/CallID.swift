import Synchronization

/// A call's id in logs and in INTERNAL messages: this process's random tag,
/// the connection's number in the process, and the stream id, e.g.
/// `3fa9c2-17-5`. Made from integers the connection already has, so a call
/// costs nothing for it until something formats it.
struct CallID: Sendable, CustomStringConvertible {
    /// Distinguishes this process's ids from another replica's (or an earlier run's).
    static let processTag = String(UInt32.random(in: 0..<(1 << 24)), radix: 16)
    private static let connections = Atomic<UInt64>(0)

    let connection: UInt64
    let stream: UInt32

    /// A number for a new connection.
    static func nextConnection() -> UInt64 {
        connections.add(1, ordering: .relaxed).newValue
    }

    var description: String { "\(Self.processTag)-\(connection)-\(stream)" }
}

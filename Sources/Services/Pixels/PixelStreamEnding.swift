/// Why the broadcaster ended a live stream (other than the call ending on its own).
public enum PixelStreamEnding: Error, Sendable, Hashable {
    /// The subscriber fell more than `limit` events behind.
    case overflow(limit: Int)
    /// The listener's database connection was lost: events may have been missed.
    case missedEvents
    /// The server is shutting down.
    case shutdown
}

import NIOCore

/// Counts events in fixed windows: `record` says whether the limit was passed.
struct RateLimit: Hashable, Sendable {
    let limit: Int
    let window: TimeAmount
    private var windowStart: NIODeadline?
    private var count = 0

    init(limit: Int, per window: TimeAmount) {
        self.limit = limit
        self.window = window
    }

    /// Records one event at `now`; true when more than `limit` fell in the current window.
    mutating func record(at now: NIODeadline) -> Bool {
        if let start = windowStart, now - start < window {
            count += 1
        } else {
            windowStart = now
            count = 1
        }
        return count > limit
    }
}

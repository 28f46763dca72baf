/// Thrown by a handler that cannot do its job on this replica yet (say, a
/// channel it is not configured for): the job is put back, available again
/// after `delay`, and the attempt is not counted.
public struct JobSnooze: Error, Sendable, Equatable, CustomStringConvertible {
    public var delay: Duration

    public init(after delay: Duration) {
        self.delay = delay
    }

    public var description: String { "snoozed for \(delay)" }
}

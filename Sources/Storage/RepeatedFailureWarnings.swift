/// Which failures of a run of repeated ones deserve a log line, so a
/// dependency that stays down does not flood the log: the first failure is
/// logged, then at most one summary per `interval` saying how many were
/// left unlogged since the last line, and one line when it recovers.
public struct RepeatedFailureWarnings<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    public enum Line: Sendable, Hashable {
        /// The first failure of a run.
        case first
        /// Still failing; `suppressed` failures went unlogged since the previous line.
        case stillFailing(suppressed: Int)
        /// Succeeded again after `failures` failures in a row.
        case recovered(failures: Int)
    }

    /// The shortest time between two lines of one run of failures.
    public let interval: Duration
    private var failures = 0
    private var suppressed = 0
    private var lastLine: Instant?

    public init(interval: Duration) {
        self.interval = interval
    }

    /// A failure at `now`: the line to log, or nil to stay quiet.
    public mutating func failed(at now: Instant) -> Line? {
        failures += 1
        guard let lastLine else {
            self.lastLine = now
            return .first
        }
        guard lastLine.duration(to: now) >= interval else {
            suppressed += 1
            return nil
        }
        defer { (self.lastLine, suppressed) = (now, 0) }
        return .stillFailing(suppressed: suppressed)
    }

    /// A success: `.recovered` when it ends a run of failures, else nil.
    public mutating func succeeded() -> Line? {
        guard failures > 0 else { return nil }
        defer { (failures, suppressed, lastLine) = (0, 0, nil) }
        return .recovered(failures: failures)
    }
}

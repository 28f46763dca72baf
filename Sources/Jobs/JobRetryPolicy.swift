/// When a failed attempt runs again: exponential backoff with full jitter
/// (a uniformly random delay between zero and `base · 2^(attempt-1)`,
/// capped at `cap`), so that jobs failing together do not retry together.
public struct JobRetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; a job that fails its last is discarded.
    public var maxAttempts: Int
    public var base: Duration
    public var cap: Duration

    public init(maxAttempts: Int = 5, base: Duration = .seconds(15), cap: Duration = .seconds(3600)) {
        precondition(maxAttempts >= 1, "a job needs at least one attempt")
        self.maxAttempts = maxAttempts
        self.base = base
        self.cap = cap
    }

    /// The ceiling of the delay after failed attempt `attempt` (1-based).
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 62)
        let seconds = base / .seconds(1) * Double(UInt64(1) << UInt64(exponent))
        return seconds >= cap / .seconds(1) ? cap : .seconds(seconds)
    }

    /// The delay after failed attempt `attempt`; `unit` is a random number in
    /// 0..<1 (injected, so tests are exact).
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
        ceiling(afterAttempt: attempt) * min(max(unit, 0), 1)
    }

    /// What to do after attempt `attempt` of a job allowed `maxAttempts` failed with `error`.
    public func decision(afterAttempt attempt: Int, maxAttempts: Int, error: any Error, unit: Double) -> Decision {
        if !error.isRetryableJobError || attempt >= maxAttempts { return .discard }
        return .retry(after: delay(afterAttempt: attempt, unit: unit))
    }

    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case discard
    }
}

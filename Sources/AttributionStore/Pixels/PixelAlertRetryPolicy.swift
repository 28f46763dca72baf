/// How `PixelAlertOutbox` retries an alert: at most `maxAttempts` attempts,
/// the n-th failed one followed by a wait of `baseDelay` × 2^(n-1), at most
/// `maxDelay`; a claim lasts `lease` (renewed at each delivered target), after
/// which another replica may take the alert over.
public struct PixelAlertRetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var lease: Duration

    /// The defaults: 8 attempts over about two hours (waits of 1, 2, 4, 8,
    /// 16, 32 and 60 minutes), and a 5-minute lease, well beyond one send
    /// (30 s at most per message or Slack channel, with the HTTP client's own
    /// quick retries).
    public init(
        maxAttempts: Int = 8, baseDelay: Duration = .seconds(60), maxDelay: Duration = .seconds(3600),
        lease: Duration = .seconds(300)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.lease = lease
    }

    /// The wait after failed attempt number `attempt` (from 1).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        return min(maxDelay, baseDelay * (1 << exponent))
    }
}

extension Duration {
    /// In seconds, for date arithmetic.
    var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

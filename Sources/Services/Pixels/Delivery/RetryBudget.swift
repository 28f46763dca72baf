/// How RetryEvents keeps to its caller's deadline. Attempts end by
/// `sendBy`: the deadline less a reserve for recording the outcomes and
/// answering (a quarter of the time the call had, at most 2 s; it also
/// covers `PixelRedelivery.threadWaitGrace`). An event
/// with less than `minimumAttempt` left is not attempted. Without a
/// deadline only the transport's timeout bounds an attempt.
struct RetryBudget: Sendable {
    static let maximumReserve: Duration = .seconds(2)
    static let minimumAttempt: Duration = .seconds(1)

    let sendBy: ContinuousClock.Instant?

    init(deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant) {
        guard let deadline else {
            sendBy = nil
            return
        }
        let reserve = min(Self.maximumReserve, max(.zero, (deadline - now) / 4))
        sendBy = deadline - reserve
    }

    /// How long an attempt starting at `now` may take, at most `limit`;
    /// nil when too little time is left to start one.
    func attemptTime(now: ContinuousClock.Instant, limit: Duration) -> Duration? {
        guard let sendBy else { return limit }
        let left = now.duration(to: sendBy)
        guard left >= Self.minimumAttempt else { return nil }
        return min(limit, left)
    }
}

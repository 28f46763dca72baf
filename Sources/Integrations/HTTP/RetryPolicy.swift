public import Foundation

/// When and how long to wait before trying a request again: exponential
/// backoff with full jitter (a random delay between 0 and
/// min(maxDelay, baseDelay × 2^(attempt-1))), or the server's Retry-After.
///
/// Retried: failures before the request was sent (DNS, connect) for any
/// method; timeouts and broken connections for idempotent requests; 429 and
/// 503 for any method (the server did not process it); other statuses in
/// `retryableStatuses` (500, 502, 504) for idempotent requests only.
public struct RetryPolicy: Sendable {
    /// Attempts in all, including the first (1: never retry).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A Retry-After longer than this is not waited for: the error is returned.
    public var maxRetryAfter: Duration
    public var retryableStatuses: Set<Int>

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(60), retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.retryableStatuses = retryableStatuses
    }

    public static var defaults: RetryPolicy { RetryPolicy() }
    public static var never: RetryPolicy { RetryPolicy(maxAttempts: 1) }

    /// The full-jitter delay after failed attempt number `attempt` (1-based).
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds))
    }

    public func retries(status: Int, idempotent: Bool) -> Bool {
        guard retryableStatuses.contains(status) else { return false }
        return idempotent || status == 429 || status == 503
    }

    public func retries(_ error: IntegrationError, idempotent: Bool) -> Bool {
        switch error.code {
        case .dns, .connect: return true
        case .timeout, .connectionLost: return idempotent
        default: return false
        }
    }

    /// A Retry-After value: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        let interval = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64(interval * 1000))
    }
}

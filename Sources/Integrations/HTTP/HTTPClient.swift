public import Logging
import Foundation

/// An HTTP(S) client over libcurl. Each attempt is one easy handle run on
/// the `CurlExecutor`'s thread pool; between attempts the calling task
/// sleeps (backoff or Retry-After), so no thread is held while waiting.
/// One `execute` never takes longer than the configuration's `deadline`.
public struct HTTPClient: Sendable {
    public struct Configuration: Sendable {
        public var transport: TransportSettings
        /// Redirects followed at most (0: none); only to http(s), and never from https to http.
        public var maxRedirects: Int
        /// The largest response body accepted, in bytes (in memory or to a file).
        public var maxResponseBytes: Int64
        public var retry: RetryPolicy
        /// The most time one `execute` takes, attempts and the waits between
        /// them together: an attempt's total timeout is cut to what is left,
        /// and a retry whose wait would reach the deadline is not made.
        /// Raise it with `transport.totalTimeout` for long transfers.
        public var deadline: Duration
        public var userAgent: String

        public init(
            transport: TransportSettings = .defaults, maxRedirects: Int = 5, maxResponseBytes: Int64 = 16 << 20,
            retry: RetryPolicy = .defaults, deadline: Duration = .seconds(120), userAgent: String = "attrd-integrations/1"
        ) {
            self.transport = transport
            self.maxRedirects = maxRedirects
            self.maxResponseBytes = maxResponseBytes
            self.retry = retry
            self.deadline = deadline
            self.userAgent = userAgent
        }

        public static var defaults: Configuration { Configuration() }
    }

    public let configuration: Configuration
    let executor: CurlExecutor

    public init(configuration: Configuration = .defaults, executor: CurlExecutor) {
        self.configuration = configuration
        self.executor = executor
    }

    /// Sends the request, retrying per the configuration's `RetryPolicy`
    /// within its `deadline`. Throws `IntegrationError` (`httpStatus` for a
    /// non-2xx final status unless `throwsOnHTTPError` is false).
    public func execute(_ request: HTTPRequest, logger: Logger) async throws(IntegrationError) -> HTTPResponse {
        let policy = configuration.retry
        // A reader is consumed by the first attempt: it cannot be sent again.
        let repeatable = if case .reader = request.body { false } else { true }
        let deadline = ContinuousClock.now + configuration.deadline
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            let timeout = min(configuration.transport.totalTimeout, deadline - started)
            logger.debug("http request", metadata: [
                "method": "\(request.method)", "url": "\(request.redactedURL)", "attempt": "\(attempt)",
            ])
            let delay: Duration
            let failure: IntegrationError
            do throws(IntegrationError) {
                var response = try await perform(request, timeout: timeout)
                response.attempts = attempt
                logger.debug("http response", metadata: [
                    "method": "\(request.method)", "url": "\(request.redactedURL)", "status": "\(response.status)",
                    "duration": "\(ContinuousClock.now - started)",
                ])
                let retryable = repeatable && attempt < policy.maxAttempts
                    && policy.retries(status: response.status, idempotent: request.isIdempotent)
                let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.parseRetryAfter($0) }
                if retryable, retryAfter.map({ $0 <= policy.maxRetryAfter }) ?? true {
                    delay = retryAfter ?? policy.backoff(afterAttempt: attempt)
                    failure = statusError(response, request)
                    if !request.throwsOnHTTPError, ContinuousClock.now + delay >= deadline { return response }
                } else if response.isSuccess || !request.throwsOnHTTPError {
                    return response
                } else {
                    throw statusError(response, request)
                }
            } catch {
                if error.code == .timeout, timeout < configuration.transport.totalTimeout,
                    ContinuousClock.now - started >= timeout {
                    throw deadlinePassed(error, during: attempt)
                }
                guard repeatable, attempt < policy.maxAttempts, error.code != .httpStatus,
                    policy.retries(error, idempotent: request.isIdempotent)
                else { throw error }
                delay = policy.backoff(afterAttempt: attempt)
                failure = error
            }
            if ContinuousClock.now + delay >= deadline { throw deadlinePassed(failure, before: attempt + 1, delay: delay) }
            logger.notice("http retry", metadata: [
                "method": "\(request.method)", "url": "\(request.redactedURL)", "attempt": "\(attempt)",
                "reason": "\(failure.status.map { "HTTP \($0)" } ?? failure.code.name)", "delay": "\(delay)",
            ])
            do { try await Task.sleep(for: delay) } catch {
                throw IntegrationError(.cancelled, "\(request.method) \(request.redactedURL) was cancelled")
            }
            attempt += 1
        }
    }

    func statusError(_ response: HTTPResponse, _ request: HTTPRequest) -> IntegrationError {
        IntegrationError(
            .httpStatus, "\(request.method) \(request.redactedURL) answered \(response.status)", status: response.status,
            bodyExcerpt: response.excerpt(secrets: request.secrets))
    }

    /// The attempt's error, saying the deadline cut the attempt short.
    func deadlinePassed(_ error: IntegrationError, during attempt: Int) -> IntegrationError {
        var error = error
        error.message += "; the \(configuration.deadline) deadline passed during attempt \(attempt)"
        return error
    }

    /// The last attempt's error, saying why no further attempt was made.
    func deadlinePassed(_ error: IntegrationError, before attempt: Int, delay: Duration) -> IntegrationError {
        var error = error
        error.message += "; not retried: the \(configuration.deadline) deadline would pass before attempt \(attempt)"
            + " (after a wait of \(delay))"
        return error
    }
}

public import Logging
import Foundation

/// An HTTP(S) client over libcurl. Each attempt is one easy handle run on
/// the `CurlExecutor`'s thread pool; between attempts the calling task
/// sleeps (backoff or Retry-After), so no thread is held while waiting.
public struct HTTPClient: Sendable {
    public struct Configuration: Sendable {
        public var transport: TransportSettings
        /// Redirects followed at most (0: none); only to http(s), and never from https to http.
        public var maxRedirects: Int
        /// The largest response body accepted, in bytes (in memory or to a file).
        public var maxResponseBytes: Int64
        public var retry: RetryPolicy
        public var userAgent: String

        public init(
            transport: TransportSettings = .defaults, maxRedirects: Int = 5, maxResponseBytes: Int64 = 16 << 20,
            retry: RetryPolicy = .defaults, userAgent: String = "attrd-integrations/1"
        ) {
            self.transport = transport
            self.maxRedirects = maxRedirects
            self.maxResponseBytes = maxResponseBytes
            self.retry = retry
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

    /// Sends the request, retrying per the configuration's `RetryPolicy`.
    /// Throws `IntegrationError` (`httpStatus` for a non-2xx final status
    /// unless `throwsOnHTTPError` is false).
    public func execute(_ request: HTTPRequest, logger: Logger) async throws(IntegrationError) -> HTTPResponse {
        let policy = configuration.retry
        // A reader is consumed by the first attempt: it cannot be sent again.
        let repeatable = if case .reader = request.body { false } else { true }
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            logger.debug("http request", metadata: [
                "method": "\(request.method)", "url": "\(request.redactedURL)", "attempt": "\(attempt)",
            ])
            let delay: Duration
            let reason: String
            do throws(IntegrationError) {
                var response = try await perform(request)
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
                    reason = "HTTP \(response.status)"
                } else if response.isSuccess || !request.throwsOnHTTPError {
                    return response
                } else {
                    throw statusError(response, request)
                }
            } catch {
                guard repeatable, attempt < policy.maxAttempts, error.code != .httpStatus,
                    policy.retries(error, idempotent: request.isIdempotent)
                else { throw error }
                delay = policy.backoff(afterAttempt: attempt)
                reason = error.code.name
            }
            logger.notice("http retry", metadata: [
                "method": "\(request.method)", "url": "\(request.redactedURL)", "attempt": "\(attempt)",
                "reason": "\(reason)", "delay": "\(delay)",
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
}

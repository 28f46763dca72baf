/// How a handler says an error must not be retried: throw
/// `JobFailure.permanent(...)` (or any error conforming to
/// ``PermanentJobError``). Every other error is retryable, until the job's
/// last attempt.
public enum JobFailure: Error, Sendable, Equatable, CustomStringConvertible, PermanentJobError {
    case permanent(String)

    public var description: String {
        switch self {
        case .permanent(let message): message
        }
    }
}

/// An error that retrying cannot fix (a bad payload, a deleted resource):
/// the job is discarded at once with the error kept.
public protocol PermanentJobError: Error {}

extension Error {
    /// Whether the retry policy may retry after this error.
    var isRetryableJobError: Bool { !(self is any PermanentJobError) }
}

/// Where a job is in its life. `available` and `retryable` wait for their
/// run-at; `running` is leased to one worker; the other three are final.
public enum JobState: String, Sendable, CaseIterable, Codable {
    case available
    case running
    /// Failed an attempt and waits for its next one (run-at is the backoff's end).
    case retryable
    case succeeded
    /// Failed permanently, or on its last attempt; `last_error` says why.
    case discarded
    case cancelled

    public var isFinal: Bool {
        switch self {
        case .succeeded, .discarded, .cancelled: true
        case .available, .running, .retryable: false
        }
    }
}

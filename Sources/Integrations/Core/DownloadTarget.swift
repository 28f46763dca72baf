/// Where a response body goes.
public enum DownloadTarget: Sendable {
    /// Kept in memory, up to the configured response cap.
    case memory
    /// Streamed to a file (created or truncated), still bounded by the cap.
    case file(path: String)
}

public import Foundation

/// Supplies an upload's bytes, on a thread-pool thread, as libcurl asks for them.
public protocol UploadReader: Sendable {
    /// Fills `buffer` with up to its count of bytes and returns how many were
    /// written; 0 at the end. Throwing aborts the transfer.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// What a request sends.
public enum UploadSource: Sendable {
    case none
    case bytes(Data)
    /// Streamed from a file, never loaded whole.
    case file(path: String)
    /// Streamed from a reader; `length` when known up front (SFTP and S3 need it for some servers).
    case reader(any UploadReader, length: Int64?)

    /// The size in bytes, when known without reading.
    public var length: Int64? {
        switch self {
        case .none: return 0
        case .bytes(let data): return Int64(data.count)
        case .file(let path):
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber
            return size?.int64Value
        case .reader(_, let length): return length
        }
    }
}

/// Where a response body goes.
public enum DownloadTarget: Sendable {
    /// Kept in memory, up to the configured response cap.
    case memory
    /// Streamed to a file (created or truncated), still bounded by the cap.
    case file(path: String)
}

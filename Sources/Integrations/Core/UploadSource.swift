public import Foundation

/// What a request sends.
public enum UploadSource: Sendable {
    case none
    case bytes(Data)
    /// Streamed from a file, never loaded whole.
    case file(path: String)
    /// Streamed from a reader; `length` when known up front (SFTP and S3 need it for some servers).
    case reader(any UploadReader, length: Int64?)

    /// The size in bytes, when known without reading. For a file this is a
    /// `stat`: the clients ask on the executor's pool.
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

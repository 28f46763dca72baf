/// Supplies an upload's bytes, on a thread-pool thread, as libcurl asks for them.
public protocol UploadReader: Sendable {
    /// Fills `buffer` with up to its count of bytes and returns how many were
    /// written; 0 at the end. Throwing aborts the transfer.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

import Foundation

/// One part of a multipart upload: up to a part's size of a file from an
/// offset, and its SHA-256 for the signature. Read on the executor's pool.
struct FilePart: Sendable {
    var bytes: Data
    var sha256: String

    /// Opens the file, reads up to `size` bytes from `offset` (none past the end) and hashes them.
    static func read(_ path: String, offset: UInt64, size: Int) throws(IntegrationError) -> FilePart {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IntegrationError(.localIO, "cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        let bytes: Data
        do {
            try handle.seek(toOffset: offset)
            bytes = try handle.read(upToCount: size) ?? Data()
        } catch {
            throw IntegrationError(.localIO, "reading \(path) failed: \(error)")
        }
        return FilePart(bytes: bytes, sha256: Crypto.sha256(bytes).hexString)
    }
}

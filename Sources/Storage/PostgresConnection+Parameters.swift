#if canImport(Glibc)
import Glibc
#endif

/// Calls `body` with libpq's parameter arrays: values, lengths and formats
/// (text values NUL-terminated, bytea as binary with its length).
func withParameterPointers<R>(
    _ values: [PostgresParameter],
    _ body: ([UnsafePointer<CChar>?], [Int32], [Int32]) -> R
) -> R {
    var copies: [UnsafeMutablePointer<CChar>?] = []
    var lengths: [Int32] = []
    var formats: [Int32] = []
    for value in values {
        switch value {
        case .null:
            copies.append(nil)
            lengths.append(0)
            formats.append(0)
        case .text(let text):
            copies.append(strdup(text))
            lengths.append(0)
            formats.append(0)
        case .binary(let bytes):
            let buffer = malloc(max(bytes.count, 1))!
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: raw.count) }
            }
            copies.append(buffer.assumingMemoryBound(to: CChar.self))
            lengths.append(Int32(bytes.count))
            formats.append(1)
        }
    }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } }, lengths, formats)
}

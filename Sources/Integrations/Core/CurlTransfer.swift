import CCurl
import Foundation
import Synchronization

/// What libcurl's callbacks work on during one transfer: the response (in
/// memory up to a cap, or to a file), the header lines of the final
/// response, the upload cursor, and the cancellation flag the progress
/// callback checks. Touched by the one pool thread running the transfer,
/// except `cancelled`, which is atomic.
final class CurlTransfer: @unchecked Sendable {
    let easy: CurlEasy
    let cancelled = Atomic<Bool>(false)
    /// The most response-body bytes accepted.
    var responseLimit = Int.max
    private(set) var body = Data()
    private(set) var headerLines: [String] = []
    private(set) var exceededLimit = false
    /// Why a local read or write failed (the upload source, the download file).
    private(set) var localFailure: String?
    private var received = 0
    private var output: UnsafeMutablePointer<FILE>?
    private var upload: UploadSource = .none
    private var uploadOffset = 0
    private var uploadFile: UnsafeMutablePointer<FILE>?

    init(easy: CurlEasy) throws(IntegrationError) {
        self.easy = easy
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_XFERINFODATA, pointer: context)
        try easy.set(CURLOPT_READDATA, pointer: context)
        try easy.set(CURLOPT_NOPROGRESS, 0)
        _ = attr_curl_setopt_data_callback(easy.handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().write(buffer, size * count)
        }
        _ = attr_curl_setopt_data_callback(easy.handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().header(buffer, size * count)
        }
        _ = attr_curl_setopt_data_callback(easy.handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return attr_curl_readfunc_abort() }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().read(buffer, size * count)
        }
        _ = attr_curl_setopt_progress_callback(easy.handle) { context, _, _, _, _ in
            guard let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().cancelled.load(ordering: .relaxed)
                ? 1 : 0
        }
    }

    deinit {
        if let output { fclose(output) }
        if let uploadFile { fclose(uploadFile) }
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Sends the response body to a file instead of memory.
    func download(to target: DownloadTarget) throws(IntegrationError) {
        guard case .file(let path) = target else { return }
        guard let file = fopen(path, "wb") else {
            throw IntegrationError(.localIO, "cannot open \(path) for writing: \(String(cString: strerror(errno)))")
        }
        output = file
    }

    /// Prepares the read callback for `source`; the caller chooses the
    /// method (UPLOAD for PUT/SFTP/SMTP, POST with a size otherwise).
    func upload(from source: UploadSource) throws(IntegrationError) {
        upload = source
        if case .file(let path) = source {
            guard let file = fopen(path, "rb") else {
                throw IntegrationError(.localIO, "cannot open \(path) for reading: \(String(cString: strerror(errno)))")
            }
            uploadFile = file
        }
    }

    func perform() -> CURLcode {
        let code = easy.perform()
        if let output { fflush(output) }
        return code
    }

    /// The final response's header fields, in order (names as sent).
    var headers: [(name: String, value: String)] {
        headerLines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    private func write(_ buffer: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        received += count
        if received > responseLimit {
            exceededLimit = true
            return 0
        }
        if let output {
            let written = fwrite(buffer, 1, count, output)
            if written != count { localFailure = "writing the download failed: \(String(cString: strerror(errno)))" }
            return written
        }
        body.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    private func header(_ buffer: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: count), as: UTF8.self)
            .trimmingCharacters(in: .newlines)
        if line.hasPrefix("HTTP/") {
            headerLines = []  // a new response: after a redirect or a 100 Continue
        } else if !line.isEmpty {
            headerLines.append(line)
        }
        return count
    }

    private func read(_ buffer: UnsafeMutablePointer<CChar>, _ capacity: Int) -> Int {
        switch upload {
        case .none:
            return 0
        case .bytes(let data):
            let count = min(capacity, data.count - uploadOffset)
            guard count > 0 else { return 0 }
            data.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: count)
            }
            uploadOffset += count
            return count
        case .file:
            guard let uploadFile else { return attr_curl_readfunc_abort() }
            let count = fread(buffer, 1, capacity, uploadFile)
            if count == 0, ferror(uploadFile) != 0 {
                localFailure = "reading the upload file failed"
                return attr_curl_readfunc_abort()
            }
            return count
        case .reader(let reader, _):
            do {
                return try reader.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: capacity))
            } catch {
                localFailure = "the upload source failed: \(error)"
                return attr_curl_readfunc_abort()
            }
        }
    }
}

import Foundation
import NIOCore
import Protos
import Synchronization
import TestSupport
import Testing

/// The built `attrd` binary: starts with `make test`'s settings, logs that it
/// is ready, and exits 0 on SIGTERM.
@Suite(
    "attrd process",
    .enabled(if: TestEnvironment.hasDatabase && TestEnvironment.hasDevPKI, "needs make test's database and dev PKI")
)
struct AttrdProcessTests {
    @Test func stopsCleanlyOnSIGTERM() async throws {
        let binary = TestEnvironment.productsDirectory.appendingPathComponent("attrd")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "\(binary.path) not built")
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "--cert", DevPKI.serverCertificate, "--key", DevPKI.serverKey, "--ca", DevPKI.caCertificate,
            "--crl", DevPKI.crl, "--database-url", try #require(TestEnvironment.databaseURL),
            "--listen", "127.0.0.1:0",
        ]
        let stderr = Pipe()
        process.standardError = stderr
        let lines = LineReader(stderr.fileHandleForReading)
        try process.run()

        let ready = try #require(await lines.first { $0.contains("attrd ready") }, "attrd exited: \(lines.collected)")
        // The ready line names the address: attrd_listen=127.0.0.1:PORT
        let port = try #require(ready.split(separator: " ").first { $0.hasPrefix("attrd_listen=") }
            .flatMap { $0.split(separator: ":").last }.flatMap { Int($0) })
        #expect(try await AttrdHealthCheck.check(port: port) == .serving)
        process.terminate()  // SIGTERM
        let stopped = await lines.first { $0.contains("attrd stopped") }
        process.waitUntilExit()
        #expect(stopped != nil, "no 'attrd stopped' line: \(lines.collected)")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}

/// Reads a pipe line by line on a background thread (reads block), so a test
/// can wait for a line that a child process prints.
final class LineReader: Sendable {
    private let stream: AsyncStream<String>
    private let log = LockedLines()

    init(_ handle: FileHandle) {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        self.stream = stream
        let log = self.log
        Thread.detachNewThread {
            var buffer = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    log.append(line)
                    continuation.yield(line)
                }
            }
            continuation.finish()
        }
    }

    /// The first line from now on that matches, or nil if the pipe closes first.
    func first(where predicate: (String) -> Bool) async -> String? {
        for await line in stream where predicate(line) { return line }
        return nil
    }

    var collected: [String] { log.lines }
}

private final class LockedLines: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

import Foundation
import Integrations
import Logging
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Against OpenSSH's sshd on 127.0.0.1 with a throwaway key pair.
@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasSSHD, "OpenSSH's sshd is not installed (scripts/deps.sh)"))
struct SFTPTests {
    static func client(_ server: SSHServer, executor: CurlExecutor, hostKeyCheck: SFTPClient.Configuration.HostKeyCheck? = nil)
        -> SFTPClient
    {
        SFTPClient(
            configuration: .init(
                host: "127.0.0.1", port: server.port, username: server.user,
                authentication: .privateKey(path: server.clientKey),
                hostKeyCheck: hostKeyCheck ?? .knownHosts(path: server.knownHosts),
                transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(20), proxy: nil)),
            executor: executor)
    }

    /// Supplies `total` bytes of `pattern`, and after `failAfter` bytes runs `interrupt` (which may throw).
    final class InterruptedReader: UploadReader, @unchecked Sendable {
        struct SourceFailed: Error {}
        let total: Int
        let failAfter: Int
        let interrupt: @Sendable () throws -> Void
        private let sent = Mutex(0)

        init(total: Int, failAfter: Int, interrupt: @escaping @Sendable () throws -> Void) {
            self.total = total
            self.failAfter = failAfter
            self.interrupt = interrupt
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let offset = sent.withLock { $0 }
            if offset >= failAfter { try interrupt() }
            let count = min(buffer.count, total - offset, 16 * 1024)
            for index in 0..<count { buffer[index] = UInt8(truncatingIfNeeded: offset + index) }
            sent.withLock { $0 += count }
            return count
        }
    }

    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Replacing is "remove, then rename" (libcurl's rename does not
    /// overwrite on OpenSSH): the name never holds a partial file, but is
    /// briefly absent, so this checks the outcome, not atomicity.
    @Test func uploadsLandCompleteAndReplaceAnExistingFile() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "sftp")
        try await SSHServer.with { server in
            try await withExecutor { executor in
                let target = server.directory.path("exports/daily/orders.csv")
                let first = Data(Crypto.randomBytes(1 << 20))
                let sftp = Self.client(server, executor: executor)
                try await sftp.upload(.bytes(first), to: target, logger: logger)
                #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == first)

                let second = Data("order,value\nA-1,10.00\n".utf8)
                let pinned = Self.client(server, executor: executor, hostKeyCheck: .sha256Fingerprint(server.hostKeyFingerprint))
                try await pinned.upload(.bytes(second), to: target, logger: logger)
                #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == second)
                #expect(Self.files(in: server.directory.path("exports/daily")) == ["orders.csv"])
            }
        }
    }

    @Test func aFailedUploadLeavesNothingUnderTheFinalName() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "sftp")
        try await SSHServer.with { server in
            try await withExecutor { executor in
                let sftp = Self.client(server, executor: executor)
                let directory = server.directory.path("out")
                let existing = directory + "/report.csv"
                let old = Data("previous complete report\n".utf8)
                try await sftp.upload(.bytes(old), to: existing, logger: logger)

                // The source fails half-way: the old file stays, the partial one is cleaned up.
                let failing = InterruptedReader(total: 2 << 20, failAfter: 1 << 20) { throw InterruptedReader.SourceFailed() }
                let error = await #expect(throws: IntegrationError.self) {
                    try await sftp.upload(.reader(failing, length: 2 << 20), to: existing, logger: logger)
                }
                #expect(error?.code == .localIO)
                #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == old)
                #expect(Self.files(in: directory) == ["report.csv"])

                // The connection drops mid-upload (sshd's session processes are
                // killed): nothing under the new name; the listener is still up,
                // so a new connection removes the partial temporary file.
                let process = server.process
                let seenMidUpload = Mutex<[String]>([])
                let dropping = InterruptedReader(total: 4 << 20, failAfter: 1 << 20) {
                    seenMidUpload.withLock { $0 = Self.files(in: directory) }  // what a reader sees now
                    process.killDescendants()
                }
                let dropped = await #expect(throws: IntegrationError.self) {
                    try await sftp.upload(.reader(dropping, length: 4 << 20), to: directory + "/new.csv", logger: logger)
                }
                #expect(dropped.map { [.connectionLost, .transport, .remote].contains($0.code) } == true)
                let midUpload = seenMidUpload.withLock { $0 }
                #expect(!midUpload.contains("new.csv"))
                #expect(midUpload.contains { $0.hasPrefix(".new.csv.part-") })
                #expect(Self.files(in: directory) == ["report.csv"])
                #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == old)
            }
        }
    }

    /// The rename fails after a complete upload (the final name is a
    /// non-empty directory, which neither `rm` nor `rename` replaces): the
    /// uploaded temporary file is kept, and the error says where it is.
    @Test func aFailedRenameKeepsTheUploadedFile() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "sftp")
        try await SSHServer.with { server in
            try await withExecutor { executor in
                let directory = server.directory.path("out")
                let target = directory + "/report.csv"
                try FileManager.default.createDirectory(atPath: target + "/inside", withIntermediateDirectories: true)
                let payload = Data(Crypto.randomBytes(200_000))
                let error = await #expect(throws: IntegrationError.self) {
                    try await Self.client(server, executor: executor).upload(.bytes(payload), to: target, logger: logger)
                }
                #expect(error?.code == .remote)
                let kept = Self.files(in: directory).filter { $0.hasPrefix(".report.csv.part-") }
                #expect(kept.count == 1)
                #expect(Self.files(in: target) == ["inside"])
                guard let name = kept.first else { return }
                #expect(error?.message.contains("the complete upload is kept at \(directory)/\(name)") == true)
                #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)) == payload)
                #expect(logs.all.contains { $0.message == "sftp rename failed" && $0.metadata["kept"] == "\(directory)/\(name)" })
            }
        }
    }

    @Test func anUnknownHostKeyIsRefused() async throws {
        try await SSHServer.with { server in
            try await withExecutor { executor in
                let target = server.directory.path("refused.txt")
                let wrong = Self.client(server, executor: executor,
                                        hostKeyCheck: .knownHosts(path: server.directory.path("wrong_known_hosts")))
                let error = await #expect(throws: IntegrationError.self) {
                    try await wrong.upload(.bytes(Data("x".utf8)), to: target, logger: Logger(label: "sftp"))
                }
                #expect(error?.code == .hostKey)
                let pinnedWrong = Self.client(server, executor: executor, hostKeyCheck: .sha256Fingerprint(
                    Crypto.sha256(Data("another key".utf8)).base64URLString))
                let pinError = await #expect(throws: IntegrationError.self) {
                    try await pinnedWrong.upload(.bytes(Data("x".utf8)), to: target, logger: Logger(label: "sftp"))
                }
                #expect(pinError?.code == .hostKey)
                #expect(!FileManager.default.fileExists(atPath: target))
            }
        }
    }
}

import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// OpenSSH's sshd on 127.0.0.1 with a throwaway host key, accepting only a
/// throwaway client key for the user running the tests (root in CI:
/// PermitRootLogin prohibit-password). Everything lives in a temporary
/// directory; `stop()` ends sshd and removes it.
struct SSHServer {
    let process: FixtureProcess
    let port: Int
    let directory: TemporaryDirectory
    let user: String

    var clientKey: String { directory.path("client_key") }
    var knownHosts: String { directory.path("known_hosts") }
    var hostKeyFingerprint: String

    static func with<Result>(_ body: (SSHServer) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["host_key", "client_key", "other_host_key"] {
            try ChildProcess.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", directory.path(name)])
        }
        try FileManager.default.copyItem(atPath: directory.path("client_key.pub"), toPath: directory.path("authorized_keys"))
        let user = String(cString: getpwuid(getuid())!.pointee.pw_name)
        let port = try Fixtures.freePort()
        let hostKey = try String(contentsOfFile: directory.path("host_key.pub"), encoding: .utf8)
        try directory.write("known_hosts", "[127.0.0.1]:\(port) \(hostKey)")
        let otherKey = try String(contentsOfFile: directory.path("other_host_key.pub"), encoding: .utf8)
        try directory.write("wrong_known_hosts", "[127.0.0.1]:\(port) \(otherKey)")
        let fingerprint = try ChildProcess.run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", directory.path("host_key.pub")])
            .split(separator: " ")[1].replacingOccurrences(of: "SHA256:", with: "")
        let configuration = try directory.write("sshd_config", """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(directory.path("host_key"))
            PidFile \(directory.path("sshd.pid"))
            AuthorizedKeysFile \(directory.path("authorized_keys"))
            AllowUsers \(user)
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            Subsystem sftp internal-sftp
            LogLevel VERBOSE

            """)
        // sshd's privilege-separation directory (Debian makes it at service start).
        if getuid() == 0 { try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
        let (process, _) = try await FixtureProcess.start(
            "/usr/sbin/sshd", ["-D", "-e", "-f", configuration], readyPrefix: "Server listening on 127.0.0.1 port \(port)")
        defer { process.stop() }
        return try await body(SSHServer(process: process, port: port, directory: directory, user: user,
                                        hostKeyFingerprint: fingerprint))
    }
}

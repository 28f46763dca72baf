import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Paths and helpers shared by the integration tests' local servers.
enum Fixtures {
    /// Tests/IntegrationsTests/Fixtures, from this file's place in the tree.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func script(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Starts a Python fixture script of this folder with `python3` from PATH.
    static func python(
        _ script: String, _ arguments: [String] = [], environment: [String: String] = [:], readyPrefix: String = "READY"
    ) async throws -> (FixtureProcess, [String]) {
        try await FixtureProcess.python(Self.script(script), arguments, environment: environment, readyPrefix: readyPrefix)
    }

    /// A self-signed certificate for the fixture servers: (certificate path, key path).
    static func certificate(in directory: TemporaryDirectory) throws -> (String, String) {
        try SelfSignedCertificate.make(in: directory)
    }

    /// A TCP port nothing listens on now (bound to port 0, then released),
    /// for servers that cannot report the port they bound themselves (sshd).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw FixtureProcess.Failed(description: "bind 127.0.0.1:0 failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension Fixtures {
    /// Whether the tools a fixture needs are installed (scripts/deps.sh
    /// installs them). Under `make test` (ATTR_TEST_REQUIRE_ALL=1) always
    /// true, so a missing tool fails the test instead of skipping it.
    static func available(executables: [String] = [], pythonModules: [String] = []) -> Bool {
        if TestEnvironment.requiresAll { return true }
        guard executables.allSatisfy({ FileManager.default.isExecutableFile(atPath: $0) }) else { return false }
        guard !pythonModules.isEmpty else { return true }
        let check = "import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in sys.argv[1:]) else 1)"
        return (try? ChildProcess.run("/usr/bin/env", ["python3", "-c", check] + pythonModules)) != nil
    }

    static let hasPython = available(executables: ["/usr/bin/openssl"], pythonModules: ["ssl"])
    static let hasMoto = available(pythonModules: ["moto", "boto3"])
    static let hasAiosmtpd = available(executables: ["/usr/bin/openssl"], pythonModules: ["aiosmtpd"])
    static let hasSSHD = available(executables: ["/usr/sbin/sshd", "/usr/bin/ssh-keygen"])
}

extension Fixtures {
    static let hasGCSFake = available(executables: ["/usr/bin/openssl"], pythonModules: ["cryptography"])
}

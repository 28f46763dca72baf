import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL 15 cluster of the test's own, for tests that must
/// restart the server or need a superuser (pg_dump of everything): initdb
/// into a temporary directory (as the `postgres` OS user when running as
/// root, as scripts/db.sh does), on a free port on 127.0.0.1 with trust
/// authentication, roles `attr_owner` and `attr_app` made as scripts/db.sh
/// makes them. `stop()` stops it and deletes the directory.
public final class ScratchPostgres: Sendable {
    public let port: Int
    public let directory: TemporaryDirectory
    public static let binaries = ProcessInfo.processInfo.environment["PG_BIN"] ?? "/usr/lib/postgresql/15/bin"

    public var ownerURL: String { "postgresql://attr_owner@127.0.0.1:\(port)/attribution" }
    public var appURL: String { "postgresql://attr_app@127.0.0.1:\(port)/attribution" }
    public var superuserURL: String { "postgresql://postgres@127.0.0.1:\(port)/attribution" }
    private var dataDirectory: String { directory.path("pg") }

    /// Whether the PostgreSQL server binaries are installed.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb")
    }

    public init() throws {
        _ = Self.sweepOnce
        directory = try TemporaryDirectory()
        port = try Self.freePort()
        do {
            try directory.write(Self.ownerFile, "\(getpid())\n")
            if getuid() == 0 { try ChildProcess.run("/bin/chown", ["postgres", directory.url.path]) }
            try asClusterUser("initdb", ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"])
            let settings = """

                port = \(port)
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '\(directory.url.path)'
                fsync = off
                max_connections = 60

                """
            let configuration = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(dataDirectory)/postgresql.conf"))
            try configuration.seekToEnd()
            try configuration.write(contentsOf: Data(settings.utf8))
            try configuration.close()
            try startServer()
            try psql(database: "postgres", """
                CREATE ROLE attr_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
                CREATE ROLE attr_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
                CREATE DATABASE attribution OWNER attr_owner;
                """)
            try psql(database: "attribution", """
                REVOKE ALL ON DATABASE attribution FROM PUBLIC;
                GRANT CONNECT, TEMPORARY ON DATABASE attribution TO attr_app;
                GRANT CONNECT, CREATE, TEMPORARY ON DATABASE attribution TO attr_owner;
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                ALTER SCHEMA public OWNER TO attr_owner;
                GRANT USAGE ON SCHEMA public TO attr_app;
                """)
        } catch {
            stop()
            throw error
        }
    }

    /// Makes and starts a cluster on a thread of its own: initdb and pg_ctl
    /// block for a second or so, which must not hold up the cooperative pool
    /// that every other test shares.
    /// The port is free when chosen, but another test may take it before
    /// the server binds it: then a new cluster on another port is made (at
    /// most three tries).
    public static func start() async throws -> ScratchPostgres {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    var attempt = 1
                    while true {
                        do { return try ScratchPostgres() } catch where attempt < 3 { attempt += 1 }
                    }
                })
            }
        }
    }

    /// `pg_ctl restart -m fast`: every connection is closed by the server.
    public func restart() throws {
        try asClusterUser("pg_ctl", ["-D", dataDirectory, "-l", directory.path("postgresql.log"), "-w", "-t", "60", "-m", "fast", "restart"])
    }

    /// Stops the server, keeping its data (`startServer()` starts it again).
    public func stopServer() throws {
        try asClusterUser("pg_ctl", ["-D", dataDirectory, "-w", "-m", "fast", "stop"])
    }

    public func startServer() throws {
        try asClusterUser("pg_ctl", ["-D", dataDirectory, "-l", directory.path("postgresql.log"), "-w", "-t", "60", "start"])
    }

    /// Which test process made a cluster: a crashed process runs no `stop()`.
    static let ownerFile = "owner.pid"

    /// Once per process: stops and deletes the clusters of test processes
    /// that are gone (crashed or killed), so they do not pile up.
    static let sweepOnce: Void = {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("attr-test-") {
            let directory = temporary.appendingPathComponent(name)
            guard let text = try? String(contentsOf: directory.appendingPathComponent(ownerFile), encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let data = directory.appendingPathComponent("pg").path
            if FileManager.default.fileExists(atPath: data) {
                try? runAsClusterUser("pg_ctl", ["-D", data, "-w", "-m", "immediate", "stop"])
            }
            try? FileManager.default.removeItem(at: directory)
        }
    }()

    /// Stops the server (if running) and deletes its directory.
    public func stop() {
        try? asClusterUser("pg_ctl", ["-D", dataDirectory, "-w", "-m", "immediate", "stop"])
        directory.remove()
    }

    /// Runs SQL as the superuser, each statement (`;` then a newline) on its
    /// own (CREATE DATABASE refuses a transaction); throws with psql's output.
    public func psql(database: String, _ sql: String) throws {
        let statements = sql.components(separatedBy: ";\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        try ChildProcess.run("\(Self.binaries)/psql", [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", database,
        ] + statements.flatMap { ["-c", $0] })
    }

    /// A superuser pg_dump of the `attribution` database (data and schema), as text.
    public func dump() throws -> String {
        try ChildProcess.run("\(Self.binaries)/pg_dump", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "attribution"])
    }

    private func asClusterUser(_ tool: String, _ arguments: [String]) throws {
        try Self.runAsClusterUser(tool, arguments)
    }

    private static func runAsClusterUser(_ tool: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(Self.binaries)/\(tool)"] + arguments)
        } else {
            try ChildProcess.run("\(Self.binaries)/\(tool)", arguments)
        }
    }

    /// A TCP port nothing listens on now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw ChildProcess.CommandFailed(command: "bind 127.0.0.1:0", output: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

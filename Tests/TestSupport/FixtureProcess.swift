import Foundation
import Synchronization
#if canImport(Glibc)
public import Glibc
#endif

/// A server the test starts: spawned in its own process group with its
/// standard output and error on a pipe read line by line by a thread of its
/// own, so a test waits for a line the server prints (its readiness line,
/// a "received" line) rather than sleeping. `stop()` ends the whole group
/// and reaps it; closing its standard input also tells the Python fixtures
/// to exit, should the test process die first.
public final class FixtureProcess: Sendable {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private struct State {
        var lines: [String] = []
        var ended = false
        var waiters: [(id: Int, matches: @Sendable (String) -> Bool, from: Int, continuation: CheckedContinuation<String, any Error>)] = []
        var nextWaiter = 0
        /// Waiters whose timer fired before they were registered.
        var expired: Set<Int> = []
    }

    public let pid: pid_t
    public let name: String
    private let input: Int32
    private let state = Mutex(State())

    private init(pid: pid_t, name: String, input: Int32) {
        self.pid = pid
        self.name = name
        self.input = input
    }

    /// Spawns `executable` and waits (at most `timeout`) for a line starting
    /// with `readyPrefix`, which it returns with the process.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], readyPrefix: String,
        timeout: Duration = .seconds(30)
    ) async throws -> (FixtureProcess, String) {
        try await start(executable, arguments, environment: environment, timeout: timeout) { $0.hasPrefix(readyPrefix) }
    }

    /// Spawns `executable` and waits (at most `timeout`) for a line that
    /// `ready` accepts (a log line that contains a word, say), which it
    /// returns with the process.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(30),
        ready: @escaping @Sendable (String) -> Bool
    ) async throws -> (FixtureProcess, String) {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw Failed(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 2)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var merged = ProcessInfo.processInfo.environment
        merged["PYTHONUNBUFFERED"] = "1"
        for (key, value) in environment { merged[key] = value }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw Failed(description: "spawning \(executable) failed: \(String(cString: strerror(spawned)))")
        }
        let process = FixtureProcess(pid: pid, name: URL(fileURLWithPath: arguments.first ?? executable).lastPathComponent,
                                     input: toChild[1])
        let output = fromChild[0]
        Thread.detachNewThread { process.readLines(from: output) }
        do {
            let line = try await process.waitForLine(after: 0, timeout: timeout, where: ready)
            return (process, line)
        } catch {
            process.stop()
            throw error
        }
    }

    /// Waits for the next line (after any already matched) starting with `prefix`.
    public func waitForLine(prefix: String, after index: Int = 0, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitForLine(after: index, timeout: timeout) { $0.hasPrefix(prefix) }
    }

    /// Waits for the next line (after any already matched) that `matches` accepts.
    public func waitForLine(
        after index: Int = 0, timeout: Duration = .seconds(15), where matches: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.fail(waiter: id, FailureKind.timeout(timeout))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let result = state.withLock { state -> Result<String, any Error>? in
                if let line = state.lines.dropFirst(index).first(where: matches) { return .success(line) }
                if state.ended { return .failure(Failed(description: "\(name) exited: \(state.lines.suffix(30).joined(separator: "\n"))")) }
                if state.expired.remove(id) != nil { return .failure(Failed(description: "\(name): no expected line in time")) }
                state.waiters.append((id, matches, index, continuation))
                return nil
            }
            if let result { continuation.resume(with: result) }
        }
    }

    /// Everything printed so far.
    public var output: [String] { state.withLock { $0.lines } }

    /// Writes `line` and a newline to the process's standard input (a
    /// command for fixtures that read one, such as fake_platform.py's RELEASE).
    public func send(line: String) throws {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw Failed(description: "\(name): cannot write to its standard input (errno \(errno))") }
            offset += written
        }
    }

    /// Ends the process group (SIGTERM, then SIGKILL if needed) and reaps it.
    public func stop() {
        close(input)
        let children = descendants()
        kill(-pid, SIGTERM)
        for child in children { kill(child, SIGTERM) }
        var status: Int32 = 0
        for _ in 0..<50 {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { return }
            usleep(20_000)  // bounded wait for exit, not synchronisation with the test
        }
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    private enum FailureKind { case timeout(Duration) }

    private func fail(waiter id: Int, _ kind: FailureKind) {
        let (continuation, tail) = state.withLock { state -> (CheckedContinuation<String, any Error>?, String) in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                state.expired.insert(id)
                return (nil, "")
            }
            return (state.waiters.remove(at: index).continuation, state.lines.suffix(30).joined(separator: "\n"))
        }
        if case .timeout(let duration) = kind {
            continuation?.resume(throwing: Failed(description: "\(name): no expected line within \(duration); output:\n\(tail)"))
        }
    }

    private func readLines(from descriptor: Int32) {
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                deliver(line)
            }
        }
        close(descriptor)
        let waiters = state.withLock { state in
            state.ended = true
            defer { state.waiters = [] }
            return (state.waiters.map(\.continuation), state.lines.suffix(30).joined(separator: "\n"))
        }
        for continuation in waiters.0 {
            continuation.resume(throwing: Failed(description: "\(name) exited: \(waiters.1)"))
        }
    }

    private func deliver(_ line: String) {
        let ready = state.withLock { state -> [CheckedContinuation<String, any Error>] in
            state.lines.append(line)
            let position = state.lines.count - 1
            let matched = state.waiters.filter { $0.matches(line) && position >= $0.from }
            state.waiters.removeAll { $0.matches(line) && position >= $0.from }
            return matched.map(\.continuation)
        }
        for continuation in ready { continuation.resume(returning: line) }
    }
}

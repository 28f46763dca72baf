public import Logging
import Synchronization

/// A log handler that keeps every message, so tests can assert on log lines.
public final class CapturedLogs: Sendable {
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]
    }

    private struct State {
        var entries: [Entry] = []
        var waiters: [(message: String, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    public init() {}

    public var all: [Entry] { state.withLock { $0.entries } }

    /// Returns once a line with exactly this message has been logged (at once if it was).
    public func waitFor(message: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let seen = state.withLock { state -> Bool in
                if state.entries.contains(where: { $0.message == message }) { return true }
                state.waiters.append((message, continuation))
                return false
            }
            if seen { continuation.resume() }
        }
    }

    /// A logger whose lines land here (at every level).
    public func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(logs: self) }
        logger.logLevel = .trace
        return logger
    }

    func append(_ entry: Entry) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.entries.append(entry)
            let ready = state.waiters.filter { $0.message == entry.message }.map(\.continuation)
            state.waiters.removeAll { $0.message == entry.message }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            logs.append(Entry(level: event.level, message: "\(event.message)",
                              metadata: merged.mapValues { "\($0)" }))
        }
    }
}

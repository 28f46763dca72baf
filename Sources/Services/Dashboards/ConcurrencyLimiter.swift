import Synchronization

/// At most `limit` bodies run at once per key; the others wait their turn
/// in arrival order (GetWidgetData's per-dashboard limit). A waiter is
/// handed the slot its predecessor releases, so none starves.
final class ConcurrencyLimiter<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var running: [Key: Int] = [:]
        var waiting: [Key: [CheckedContinuation<Void, Never>]] = [:]
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        precondition(limit > 0)
        self.limit = limit
    }

    func run<R: Sendable>(_ key: Key, _ body: () async throws -> R) async throws -> R {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    /// How many bodies run and wait for `key`.
    func counts(_ key: Key) -> (running: Int, waiting: Int) {
        state.withLock { ($0.running[key] ?? 0, $0.waiting[key]?.count ?? 0) }
    }

    func acquire(_ key: Key) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.running[key, default: 0] < limit {
                    state.running[key, default: 0] += 1
                    return true
                }
                state.waiting[key, default: []].append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func release(_ key: Key) {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if var queue = state.waiting[key], !queue.isEmpty {
                let next = queue.removeFirst()
                state.waiting[key] = queue.isEmpty ? nil : queue
                return next
            }
            let running = (state.running[key] ?? 1) - 1
            state.running[key] = running > 0 ? running : nil
            return nil
        }
        next?.resume()
    }
}

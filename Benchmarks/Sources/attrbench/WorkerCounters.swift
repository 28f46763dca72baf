import Synchronization

/// A counter per worker (each worker only touches its own).
final class WorkerCounters: Sendable {
    private let counters: Mutex<[Int]>

    init(count: Int) { counters = Mutex(Array(repeating: 0, count: count)) }

    /// The worker's next number, from 0.
    func next(_ worker: Int) -> Int {
        counters.withLock { counters in
            defer { counters[worker] += 1 }
            return counters[worker]
        }
    }
}

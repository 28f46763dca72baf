import Foundation
import Jobs
import Synchronization

/// What a test's handler saw: how often each job ran, and a stream of runs
/// the test awaits (instead of sleeping).
final class RunProbe: Sendable {
    private let counts = Mutex<[UUID: Int]>([:])
    let runs: AsyncStream<UUID>
    private let continuation: AsyncStream<UUID>.Continuation

    init() {
        (runs, continuation) = AsyncStream.makeStream()
    }

    func ran(_ job: ClaimedJob) {
        counts.withLock { $0[job.id, default: 0] += 1 }
        continuation.yield(job.id)
    }

    var all: [UUID: Int] { counts.withLock { $0 } }

    /// Waits for `count` runs; fails after `limit` (a guard against a hang, not a synchronisation).
    func waitForRuns(_ count: Int, limit: Duration = .seconds(60)) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var seen = 0
                for await _ in self.runs {
                    seen += 1
                    if seen == count { return }
                }
            }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Timeout(expected: count, seen: self.all.values.reduce(0, +))
            }
            try await group.next()
            group.cancelAll()
        }
    }

    struct Timeout: Error {
        let expected: Int
        let seen: Int
    }
}

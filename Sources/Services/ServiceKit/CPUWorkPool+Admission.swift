import DequeModule

extension CPUWorkPool {
    /// Who may run: a value-type state machine, kept under the pool's lock;
    /// the continuations it hands back are resumed after the lock is released.
    struct Admission {
        let concurrency: Int
        let maximumWaiting: Int
        private(set) var running = 0
        private var tickets = 0
        private(set) var waiting: Deque<(id: Int, continuation: CheckedContinuation<Void, any Error>)> = []

        init(concurrency: Int, maximumWaiting: Int) {
            self.concurrency = concurrency
            self.maximumWaiting = maximumWaiting
        }

        /// A number for a new call, to find it in the queue if it is cancelled.
        mutating func ticket() -> Int {
            tickets += 1
            return tickets
        }

        enum Decision { case run, wait, refuse, cancelled }

        /// A new job: runs now, waits (its continuation kept), or is refused.
        mutating func acquire(_ id: Int, _ continuation: CheckedContinuation<Void, any Error>) -> Decision {
            if running < concurrency {
                running += 1
                return .run
            }
            guard waiting.count < maximumWaiting else { return .refuse }
            waiting.append((id, continuation))
            return .wait
        }

        /// A job finished: its place passes to the first waiter, whose continuation is returned.
        mutating func release() -> CheckedContinuation<Void, any Error>? {
            guard let next = waiting.popFirst() else {
                running -= 1
                return nil
            }
            return next.continuation
        }

        /// A waiter's call was cancelled: it leaves the queue (nil when it already has its place).
        mutating func cancel(_ id: Int) -> CheckedContinuation<Void, any Error>? {
            guard let index = waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return waiting.remove(at: index).continuation
        }
    }
}

import Synchronization

extension PostgresPool {
    /// A snapshot of the pool, for metrics and tests.
    public struct Statistics: Sendable, Hashable {
        /// Connections open or opening (at most the pool's size).
        public var open: Int
        public var idle: Int
        /// Callers waiting for a connection.
        public var waiting: Int

        public init(open: Int, idle: Int, waiting: Int) {
            self.open = open
            self.idle = idle
            self.waiting = waiting
        }
    }

    public var statistics: Statistics {
        state.withLock { Statistics(open: $0.slotsInUse, idle: $0.idle.count, waiting: $0.waiters.count) }
    }
}

extension PostgresPool {
    /// What a caller gets: an idle connection, or leave to open one.
    enum Grant: Sendable {
        case connection(PostgresConnection)
        case connect
    }

    typealias Waiter = CheckedContinuation<Grant, any Error>

    /// The pool's bookkeeping, changed only under its mutex. Every open or
    /// opening connection holds one of `size` slots.
    struct State {
        let size: Int
        var idle: [PostgresConnection] = []
        var slotsInUse = 0
        var waiters: [(id: Int, continuation: Waiter)] = []
        var closed = false

        init(size: Int) { self.size = size }

        enum AcquireAction {
            case grant(Grant)
            case wait
            case closed
        }

        /// A connection or a free slot now, if there is one and nobody queues before us.
        mutating func acquireNow() -> AcquireAction {
            if closed { return .closed }
            guard waiters.isEmpty else { return .wait }
            if let connection = idle.popLast() { return .grant(.connection(connection)) }
            if slotsInUse < size {
                slotsInUse += 1
                return .grant(.connect)
            }
            return .wait
        }

        /// A connection or a free slot now, else queues `waiter` (FIFO).
        mutating func acquire(id: Int, waiter: Waiter) -> AcquireAction {
            let now = acquireNow()
            if case .wait = now { waiters.append((id, waiter)) }
            return now
        }

        /// Takes `id` out of the queue (timed out or cancelled), if still there.
        mutating func removeWaiter(_ id: Int) -> Waiter? {
            guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return waiters.remove(at: index).continuation
        }

        enum ReleaseAction {
            case resume(Waiter, Grant)
            case none
        }

        /// Back from a lease: kept if `reusable`, else its slot is freed;
        /// either goes to the longest waiter first.
        mutating func release(_ connection: PostgresConnection, reusable: Bool) -> ReleaseAction {
            if reusable, !closed {
                if !waiters.isEmpty { return .resume(waiters.removeFirst().continuation, .connection(connection)) }
                idle.append(connection)
                return .none
            }
            return releaseSlot()
        }

        /// A slot whose connection is gone (or never opened).
        mutating func releaseSlot() -> ReleaseAction {
            if !closed, !waiters.isEmpty { return .resume(waiters.removeFirst().continuation, .connect) }
            slotsInUse -= 1
            return .none
        }

        /// Closes the pool: the idle connections to drop and the waiters to fail.
        mutating func close() -> (idle: [PostgresConnection], waiters: [Waiter]) {
            closed = true
            defer {
                slotsInUse -= idle.count
                idle = []
                waiters = []
            }
            return (idle, waiters.map(\.continuation))
        }
    }
}

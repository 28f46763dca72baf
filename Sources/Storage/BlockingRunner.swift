import Dispatch
import NIOPosix
import Synchronization

/// Runs libpq calls on the pool's `NIOThreadPool` (never on an event loop),
/// and cancels the running statement with PQcancel when the caller's task is
/// cancelled (from a thread of its own pool, so it is not stuck behind the
/// blocked calls it is meant to end) or when its deadline passes (from the
/// thread waiting for the result).
struct BlockingRunner: Sendable {
    let threadPool: NIOThreadPool
    let cancelThreadPool: NIOThreadPool

    /// Why a statement was cancelled from this side.
    enum CancelReason: Sendable { case deadline, task }

    /// One statement's cancellation: why, and whether a cancel request is on
    /// its way. A statement does not hand its connection back until that
    /// request is done: PostgreSQL ignores a cancel that reaches an idle
    /// backend, but one still travelling could hit the next statement.
    final class CancelState: Sendable {
        private struct State {
            var inFlight = true
            var reason: CancelReason?
            var requestSent = false
        }

        private let state = Mutex(State())
        private let requestDone = DispatchSemaphore(value: 0)

        /// Records the first reason; true when the caller must send a cancel
        /// request (and then call `requestFinished()`).
        func request(_ reason: CancelReason) -> Bool {
            state.withLock { state in
                guard state.inFlight, state.reason == nil else { return false }
                state.reason = reason
                state.requestSent = true
                return true
            }
        }

        var inFlight: Bool { state.withLock { $0.inFlight } }
        var reason: CancelReason? { state.withLock { $0.reason } }

        func requestFinished() { requestDone.signal() }

        /// The statement is over: waits for a cancel request sent for it.
        func finish() {
            let mustWait = state.withLock { state in
                state.inFlight = false
                return state.requestSent
            }
            if mustWait { requestDone.wait() }
        }
    }

    /// Runs `work` with `connection` on the thread pool; `cancellable: false`
    /// is for clean-up (ROLLBACK) that must run even for a cancelled task.
    func run<R: Sendable>(
        _ connection: PostgresConnection,
        cancellable: Bool = true,
        _ work: @escaping @Sendable (PostgresConnection) throws(PostgresError) -> R
    ) async throws(PostgresError) -> R {
        try await run(connection, deadline: nil, cancellable: cancellable) { connection, _ throws(PostgresError) in
            try work(connection)
        }
    }

    /// Runs one statement bounded by `timeout`. The server's statement_timeout
    /// (the same duration) normally ends it first; the ``StatementDeadline``
    /// that `work` gets, 100 ms later, is the backstop for a server that does
    /// not: the waiting thread then sends the cancel request itself.
    func run<R: Sendable>(
        _ connection: PostgresConnection,
        timeout: Duration,
        _ work: @escaping @Sendable (PostgresConnection, StatementDeadline) throws(PostgresError) -> R
    ) async throws(PostgresError) -> R {
        try await run(connection, deadline: .now + timeout + .milliseconds(100), cancellable: true) {
            connection, deadline throws(PostgresError) in
            guard let deadline else { preconditionFailure("a deadline was given") }
            return try work(connection, deadline)
        }
    }

    private func run<R: Sendable>(
        _ connection: PostgresConnection,
        deadline: ContinuousClock.Instant?,
        cancellable: Bool,
        _ work: @escaping @Sendable (PostgresConnection, StatementDeadline?) throws(PostgresError) -> R
    ) async throws(PostgresError) -> R {
        if cancellable, Task.isCancelled {
            throw PostgresError(code: .cancelled, message: "the caller's task was cancelled")
        }
        let state = CancelState()
        let cancelThreadPool = self.cancelThreadPool
        let statementDeadline = deadline.map { instant in
            StatementDeadline(instant: instant) {
                guard state.request(.deadline) else { return }
                connection.cancel()
                state.requestFinished()
            }
        }
        do {
            let job: @Sendable () throws -> R = {
                defer { state.finish() }
                // Cancelled while queued for a thread: the cancel request found
                // nothing running, so do not start.
                if let reason = state.reason {
                    throw PostgresError(
                        code: reason == .task ? .cancelled : .deadlineExceeded,
                        message: "cancelled before it was sent", sqlState: "57014")
                }
                if let deadline, deadline <= .now {
                    throw PostgresError(
                        code: .deadlineExceeded, message: "the statement's deadline passed before it was sent")
                }
                return try work(connection, statementDeadline)
            }
            if !cancellable { return try await threadPool.runIfActive(job) }
            return try await withTaskCancellationHandler {
                try await threadPool.runIfActive(job)
            } onCancel: {
                guard state.request(.task) else { return }
                // PQcancel runs on a thread of its own pool, not behind the
                // blocked calls it is meant to end.
                cancelThreadPool.submit { _ in
                    if state.inFlight { connection.cancel() }
                    state.requestFinished()
                }
            }
        } catch let error as PostgresError {
            guard error.sqlState == "57014" else { throw error }
            switch state.reason {
            case .task: throw PostgresError(code: .cancelled, message: "cancelled with the caller's task", sqlState: "57014")
            case .deadline, nil: throw PostgresError(code: .deadlineExceeded, message: error.message, sqlState: "57014")
            }
        } catch {
            throw PostgresError(code: .poolClosed, message: "the database thread pool is shut down")
        }
    }
}

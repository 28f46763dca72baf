public import Logging
import NIOPosix
import Synchronization

/// A bounded pool of libpq connections.
///
/// - At most `size` connections; a caller beyond that waits in line, up to
///   `acquireTimeout`, then fails with `poolTimeout`.
/// - Every libpq call runs on the pool's own `NIOThreadPool` of `size`
///   threads, never on an event loop; PQcancel runs on one more thread.
/// - An idle connection is checked before it is handed out (a server that
///   restarted has closed it); a broken one is dropped and replaced, so after
///   a restart calls recover without restarting attrd. A connection that
///   comes back broken or inside a transaction is discarded.
/// - A transaction whose BEGIN fails on a broken connection is retried once
///   on a fresh one (nothing ran yet); any other failure to reach the server
///   is `connectionFailed` (UNAVAILABLE), never retried behind the caller's back.
public final class PostgresPool: Sendable {
    public let configuration: PostgresPoolConfiguration
    let logger: Logger
    let runner: BlockingRunner
    let state: Mutex<State>
    let nextWaiterID = Atomic<Int>(0)

    public init(configuration: PostgresPoolConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        let threadPool = NIOThreadPool(numberOfThreads: configuration.size)
        let cancelThreadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        cancelThreadPool.start()
        runner = BlockingRunner(threadPool: threadPool, cancelThreadPool: cancelThreadPool)
        state = Mutex(State(size: configuration.size))
    }

    /// Leases a connection for `body` (autocommit: each statement is its own transaction).
    @discardableResult
    public func withConnection<R>(_ body: (PostgresSession) async throws -> R) async throws -> R {
        let connection = try await lease()
        do {
            let result = try await body(session(connection))
            giveBack(connection)
            return result
        } catch {
            giveBack(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction at `isolation`: committed when it returns,
    /// rolled back when it throws (or left the transaction failed). `settings`
    /// are set for this transaction only (`SET LOCAL name TO 'value'`),
    /// together with BEGIN, before `body` runs.
    @discardableResult
    public func withTransaction<R>(
        isolation: IsolationLevel,
        readOnly: Bool = false,
        settings: [String: String] = [:],
        _ body: (PostgresSession) async throws -> R
    ) async throws -> R {
        let begin = "BEGIN ISOLATION LEVEL \(isolation.rawValue) \(readOnly ? "READ ONLY" : "READ WRITE")"
        var attempt = 1
        while true {
            let connection = try await lease()
            let session = session(connection)
            do {
                try await session.begin(begin, settings: settings)
            } catch {
                giveBack(connection)
                // Nothing ran yet, so one retry on a fresh connection is safe.
                if error.code == .connectionFailed, attempt == 1 {
                    attempt += 1
                    continue
                }
                throw error
            }
            do {
                let result = try await body(session)
                try await commit(session)
                giveBack(connection)
                return result
            } catch {
                connection.statementTimeoutMilliseconds = nil
                try? await session.control("ROLLBACK", cancellable: false)
                giveBack(connection)
                throw error
            }
        }
    }

    /// Fails the waiters, closes the idle connections, and stops the threads
    /// once the leased connections are back. Later calls fail with `poolClosed`.
    public func close() async {
        let (idle, waiters) = state.withLock { $0.close() }
        for waiter in waiters { waiter.resume(throwing: PostgresError(code: .poolClosed, message: "the pool was closed")) }
        _ = idle
        try? await runner.threadPool.shutdownGracefully()
        try? await runner.cancelThreadPool.shutdownGracefully()
    }

    func session(_ connection: PostgresConnection) -> PostgresSession {
        PostgresSession(connection: connection, runner: runner, defaultTimeout: configuration.statementTimeout)
    }

    private func commit(_ session: PostgresSession) async throws(PostgresError) {
        // COMMIT of a failed transaction silently rolls back: refuse to pretend.
        if session.connection.transactionFailed {
            throw PostgresError(code: .queryFailed, message: "the transaction failed earlier; rolled back")
        }
        try await session.control("COMMIT")
    }
}

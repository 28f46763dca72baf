import Logging
import NIOPosix
import Synchronization

extension PostgresPool {
    /// A healthy connection for one caller: an idle one, a new one, or the
    /// next one returned, within `acquireTimeout`.
    func lease() async throws(PostgresError) -> PostgresConnection {
        switch try await grant() {
        case .connection(let connection):
            let healthy = (try? await runner.run(connection, cancellable: false) { $0.isHealthyWhenIdle }) ?? false
            if healthy { return connection }
            logger.info("dropping a broken pooled PostgreSQL connection", metadata: ["postgres_pool": "\(configuration.connectionString)"])
            return try await connect()  // its slot passes to the replacement
        case .connect:
            return try await connect()
        }
    }

    /// Returns a leased connection: kept when clean, else dropped (its slot freed).
    func giveBack(_ connection: PostgresConnection) {
        let action = state.withLock { $0.release(connection, reusable: connection.isIdleAndOpen) }
        if case .resume(let waiter, let grant) = action { waiter.resume(returning: grant) }
    }

    /// Opens a connection in a slot this caller holds; frees the slot on failure.
    private func connect() async throws(PostgresError) -> PostgresConnection {
        let connectionString = configuration.connectionString
        let timeout = configuration.connectTimeoutSeconds
        do {
            return try await runner.threadPool.runIfActive {
                try PostgresConnection(connectionString, connectTimeoutSeconds: timeout)
            }
        } catch {
            let action = state.withLock { $0.releaseSlot() }
            if case .resume(let waiter, let grant) = action { waiter.resume(returning: grant) }
            if let error = error as? PostgresError { throw error }
            throw PostgresError(code: .poolClosed, message: "the pool was closed")
        }
    }

    private func grant() async throws(PostgresError) -> Grant {
        // Fast path: no queue, no timer.
        switch state.withLock({ $0.acquireNow() }) {
        case .grant(let grant): return grant
        case .closed: throw PostgresError(code: .poolClosed, message: "the pool was closed")
        case .wait: break
        }
        let id = nextWaiterID.wrappingAdd(1, ordering: .relaxed).oldValue
        let timeout = configuration.acquireTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled, let self, let waiter = self.state.withLock({ $0.removeWaiter(id) }) else { return }
            waiter.resume(throwing: PostgresError(
                code: .poolTimeout, message: "no database connection free within \(timeout) (pool size \(self.configuration.size))"))
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (waiter: Waiter) in
                    switch state.withLock({ $0.acquire(id: id, waiter: waiter) }) {
                    case .grant(let grant): waiter.resume(returning: grant)
                    case .wait:
                        // Cancelled before it queued: the handler found nothing to remove.
                        if Task.isCancelled, let waiter = state.withLock({ $0.removeWaiter(id) }) {
                            waiter.resume(throwing: PostgresError(code: .cancelled, message: "cancelled while waiting for a connection"))
                        }
                    case .closed: waiter.resume(throwing: PostgresError(code: .poolClosed, message: "the pool was closed"))
                    }
                }
            } onCancel: {
                state.withLock { $0.removeWaiter(id) }?.resume(throwing: PostgresError(code: .cancelled, message: "cancelled while waiting for a connection"))
            }
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError(code: .cancelled, message: "\(error)")
        }
    }
}

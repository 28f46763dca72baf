public import Logging
public import NIOCore
public import NIOPosix
import Synchronization
public import TLS
public import Wire

/// A client of one attrd server. Calls of all four kinds share one connection
/// (multiplexed as streams); a lost connection is re-established for the next
/// call, after an exponential backoff with full jitter; after a GOAWAY, new
/// calls go to a new connection while calls in flight finish on the old one.
public final class RPCClient: Sendable {
    public let configuration: Configuration
    let tls: TLSContext
    let group: any EventLoopGroup
    let logger: Logger
    let state = Mutex(State())

    struct State {
        var connection: ClientConnection?
        var connecting: Task<ClientConnection, any Error>?
        var failures = 0
        var retryAt: ContinuousClock.Instant?
        var lastError = ""
        var closed = false
    }

    public init(
        configuration: Configuration,
        tls: TLSContext,
        logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.tls = tls
        self.group = group
        self.logger = logger
    }

    /// Closes the connection; calls in flight fail with UNAVAILABLE.
    public func close() async {
        let connection = state.withLock { state -> ClientConnection? in
            state.closed = true
            state.connecting?.cancel()
            defer { state.connection = nil }
            return state.connection
        }
        try? await connection?.channel.close()
    }

    /// The current connection, or a new one.
    func connection() async throws -> ClientConnection {
        enum Step { case ready(ClientConnection), wait(Task<ClientConnection, any Error>), refuse(RPCError) }
        let step = state.withLock { state -> Step in
            if state.closed { return .refuse(RPCError(code: .unavailable, message: "the client is closed")) }
            if let connection = state.connection, connection.isUsable { return .ready(connection) }
            state.connection = nil
            if let connecting = state.connecting { return .wait(connecting) }
            if let retryAt = state.retryAt, ContinuousClock.now < retryAt {
                return .refuse(RPCError(
                    code: .unavailable,
                    message: "cannot reach \(configuration.host):\(configuration.port) (\(state.lastError)); retrying after a backoff"))
            }
            let task = Task { try await self.establish() }
            state.connecting = task
            return .wait(task)
        }
        switch step {
        case .ready(let connection): return connection
        case .refuse(let error): throw error
        case .wait(let task): return try await task.value
        }
    }

    private func establish() async throws -> ClientConnection {
        do {
            let connection = try await ClientConnection.connect(to: configuration, tls: tls, group: group, logger: logger)
            let closed = state.withLock { state -> Bool in
                state.connecting = nil
                state.failures = 0
                state.retryAt = nil
                if !state.closed { state.connection = connection }
                return state.closed
            }
            if closed {
                // close() ran while this connection was being made.
                try? await connection.channel.close()
                throw RPCError(code: .unavailable, message: "the client is closed")
            }
            return connection
        } catch {
            let message = "\(error)"
            let delay = state.withLock { state -> TimeAmount in
                state.connecting = nil
                state.failures += 1
                state.lastError = message
                let ceiling = configuration.backoff.ceiling(after: state.failures)
                let delay = TimeAmount.nanoseconds(Int64.random(in: 0...max(ceiling.nanoseconds, 0)))
                state.retryAt = .now + .nanoseconds(delay.nanoseconds)
                return delay
            }
            logger.debug("connect failed", metadata: ["rpc_error": "\(message)", "rpc_retry_ms": "\(delay.nanoseconds / 1_000_000)"])
            throw RPCError(code: .unavailable, message: "cannot connect to \(configuration.host):\(configuration.port): \(message)")
        }
    }

    /// The server's SETTINGS on the current connection (made if there is
    /// none): its limits, e.g. `maxMessageSize`, the largest request message
    /// it takes.
    public func serverSettings() async throws -> Settings {
        try await connection().serverSettings.get()
    }

    /// Starts a call: opens its stream, with its one request when it has exactly one.
    func start(_ method: String, metadata: Metadata, timeout: Duration?, firstMessage: ByteBuffer?) async throws -> ClientStream {
        if let reason = metadata.invalidReason { throw RPCError(code: .internal, message: reason) }
        let micros: UInt64 = timeout.map { duration in
            let (seconds, attoseconds) = duration.components
            return UInt64(max(1, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        } ?? 0
        let head = CallHead(method: method, timeoutMicroseconds: micros, metadata: metadata)
        return try await connection().open(head, firstMessage: firstMessage)
    }
}

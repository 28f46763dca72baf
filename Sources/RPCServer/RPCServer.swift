public import Logging
public import NIOCore
public import NIOPosix
public import ServiceLifecycle
public import TLS
import Synchronization
import Wire

/// The RPC server: accepts mutual-TLS connections, speaks ARPC/1 on each, and
/// runs every call's handler as a child task of its connection's task. One
/// connection's failure never affects another. Shuts down gracefully: GOAWAY,
/// in-flight calls finish within the grace period, then connections close.
public final class RPCServer: Service, Sendable {
    /// Sent down each connection's pipeline to start its graceful shutdown.
    struct GracefulShutdownEvent {}

    public let configuration: Configuration
    /// The TLS context new connections use; replaced by `reloadTLS(_:)`.
    let tls: Mutex<TLSContext>
    let router: Router
    let interceptors: [any ServerInterceptor]
    let tenantLimiter: TenantCallLimiter
    let logger: Logger
    let group: any EventLoopGroup
    /// Accepted connections until the accept loop takes them.
    let accepted = AcceptedConnections()
    private let address: EventLoopPromise<SocketAddress>

    public init(
        configuration: Configuration,
        tls: TLSContext,
        router: Router,
        interceptors: [any ServerInterceptor] = [],
        logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.tls = Mutex(tls)
        self.router = router
        self.interceptors = interceptors
        self.tenantLimiter = TenantCallLimiter(limit: configuration.maxCallsPerTenant)
        self.logger = logger
        self.group = group
        self.address = group.next().makePromise(of: SocketAddress.self)
    }

    deinit {
        // Completes the promise of a server that never ran (a no-op after `run()`).
        address.fail(ChannelError.ioOnClosedChannel)
    }

    /// Where the server listens, once it does (useful with port 0).
    public var listeningAddress: SocketAddress {
        get async throws { try await address.futureResult.get() }
    }

    /// Makes new connections use `context` (a reloaded certificate or CRL);
    /// established connections keep the context they were made with.
    public func reloadTLS(_ context: TLSContext) {
        tls.withLock { $0 = context }
    }

    public func run() async throws {
        let server: NIOAsyncChannel<NIOAsyncChannel<ServerCall, Never>, Never>
        do {
            server = try await bind()
        } catch {
            address.fail(error)
            throw error
        }
        let local = server.channel.localAddress!
        logger.info("RPC server listening", metadata: ["rpc_address": "\(local.ipAddress ?? "?"):\(local.port ?? 0)"])
        address.succeed(local)
        do {
            try await acceptUntilShutdown(server)
        } catch {
            await accepted.closeRest()
            throw error
        }
        await accepted.closeRest()
        logger.info("RPC server stopped")
    }

    private func acceptUntilShutdown(_ server: NIOAsyncChannel<NIOAsyncChannel<ServerCall, Never>, Never>) async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        accepted.take(connection)
                        let executor = configuration.handlersOnEventLoop
                            ? EventLoopTaskExecutor(connection.channel.eventLoop) : nil
                        connections.addTask(executorPreference: executor) { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }
}

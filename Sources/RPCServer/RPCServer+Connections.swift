import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import TLS
import Wire

extension RPCServer {
    func bind() async throws -> NIOAsyncChannel<NIOAsyncChannel<ServerCall, Never>, Never> {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: configuration.writeBufferWaterMark)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try self.configurePipeline(channel)
                }
            }
    }

    private func configurePipeline(_ channel: any Channel) throws -> NIOAsyncChannel<ServerCall, Never> {
        let operations = channel.pipeline.syncOperations
        let tls = self.tls.withLock { $0 }
        try operations.addHandler(OpenSSLHandler(context: tls, handshakeTimeout: configuration.handshakeTimeout, logger: logger))
        try operations.addHandler(ByteToMessageHandler(
            FrameDecoder(expectsPreface: true, maxMessageSize: Int(configuration.settings.maxMessageSize))))
        try operations.addHandler(ServerConnectionHandler(
            configuration: configuration, router: router, tenantLimiter: tenantLimiter, logger: logger))
        let connection = try NIOAsyncChannel<ServerCall, Never>(wrappingChannelSynchronously: channel)
        accepted.hold(connection)
        return connection
    }

    /// Runs one connection's calls until it closes. Never throws: a failing
    /// connection must not stop the server.
    func serve(_ connection: NIOAsyncChannel<ServerCall, Never>) async {
        let channel = connection.channel
        do {
            try await withGracefulShutdownHandler {
                try await connection.executeThenClose { calls, _ in
                    await withDiscardingTaskGroup { group in
                        do {
                            for try await call in calls {
                                group.addTask { await self.run(call) }
                            }
                        } catch {
                            self.logger.debug("connection ended", metadata: ["rpc_error": "\(error)"])
                        }
                    }
                }
            } onGracefulShutdown: {
                channel.triggerUserOutboundEvent(GracefulShutdownEvent(), promise: nil)
            }
        } catch {
            logger.debug("connection closed with an error", metadata: ["rpc_error": "\(error)"])
        }
    }

    /// Runs one call's handler in a child task and finishes the call with its
    /// status. The call can also end from outside (client cancel, deadline,
    /// shutdown): whichever end comes first wakes this task, which then
    /// cancels the handler (a no-op when the handler is what ended it).
    func run(_ call: ServerCall) async {
        let stream = call.stream
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let (status, trailers) = await self.invoke(call)
                stream.finish(status, metadata: trailers)
            }
            await stream.waitUntilEnded()
            group.cancelAll()
        }
    }

    private func invoke(_ call: ServerCall) async -> (Status, Metadata) {
        do {
            try await intercept(from: 0, call.context, call.stream, call.handler)
            return (.ok, [:])
        } catch {
            let failure = RPCError(
                converting: error, callID: call.context.callID, cancelledWith: call.stream.cancellationCode)
            if let cause = failure.cause {
                let metadata: Logger.Metadata = [
                    RPCLogKey.status.rawValue: "\(failure.code)", RPCLogKey.cause.rawValue: "\(cause)",
                ]
                if failure.isServerFault {
                    call.context.logger.error("call failed", metadata: metadata)
                } else {
                    call.context.logger.debug("call failed", metadata: metadata)
                }
            }
            return (Status(code: failure.code, message: failure.message), failure.metadata)
        }
    }

    /// Runs the interceptors from `index` on, then the handler (no closures
    /// built per call: each `next` is a non-escaping closure). What the
    /// handler throws is converted here, so interceptors see the status the
    /// caller will.
    private func intercept(
        from index: Int, _ context: ServerContext, _ stream: ServerStream, _ handler: Router.Handler
    ) async throws {
        guard index < interceptors.count else {
            do {
                try await handler(ServerCallIO(stream: stream), context)
            } catch {
                throw RPCError(converting: error, callID: context.callID, cancelledWith: stream.cancellationCode)
            }
            return
        }
        try await interceptors[index].intercept(context: context) { context in
            try await self.intercept(from: index + 1, context, stream, handler)
        }
    }
}

public import Logging
public import NIOCore
public import Prometheus
public import ServiceLifecycle
import NIOHTTP1
import NIOPosix

/// `GET /metrics` in the Prometheus text format, on a plain-HTTP listener of
/// its own (never the RPC port: it asks for no client certificate, so bind it
/// to loopback or a private interface). Any other path is 404, any other
/// method on `/metrics` 405. Each connection answers one request and closes.
///
/// Before each scrape it runs `refresh`, which sets the gauges whose values
/// are read rather than counted (pool statistics, subscribers, queue depth).
///
/// On graceful shutdown it stops accepting and ends its open connections.
public final class MetricsEndpoint: Service, Sendable {
    public let host: String
    public let port: Int
    let registry: PrometheusCollectorRegistry
    let refresh: @Sendable () async -> Void
    let logger: Logger
    /// How long a connection may take to send its request before it is closed.
    let requestTimeout: Duration
    private let address: EventLoopPromise<SocketAddress>

    public init(
        host: String, port: Int, registry: PrometheusCollectorRegistry, logger: Logger,
        requestTimeout: Duration = .seconds(10),
        refresh: @escaping @Sendable () async -> Void = {}
    ) {
        self.host = host
        self.port = port
        self.registry = registry
        self.logger = logger
        self.requestTimeout = requestTimeout
        self.refresh = refresh
        self.address = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: SocketAddress.self)
    }

    deinit {
        // Completes the promise of an endpoint that never ran (a no-op after `run()`).
        address.fail(ChannelError.ioOnClosedChannel)
    }

    /// Where the endpoint listens, once it does (port 0 picks a free one).
    public var listeningAddress: SocketAddress {
        get async throws { try await address.futureResult.get() }
    }

    public func run() async throws {
        let connections = MetricsConnections()
        let server: any Channel
        do {
            // Connections are plain NIO channels, not NIOAsyncChannels: an
            // accepted connection that becomes active after the listener
            // closed (a shutdown racing a connect) would otherwise be an
            // NIOAsyncChannel nobody takes, which traps
            // (apple/swift-nio#3481).
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(
                            MetricsConnectionHandler(requestTimeout: self.requestTimeout) { await self.response(to: $0) })
                        connections.insert(channel)
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            address.fail(error)
            throw error
        }
        let local = server.localAddress!
        logger.info("metrics endpoint listening", metadata: ["metrics_address": "\(local.ipAddress ?? "?"):\(local.port ?? 0)"])
        address.succeed(local)
        // Graceful shutdown closes the listener and the connections still
        // waiting for their request; a request being answered is finished.
        // Cancellation closes every connection at once.
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await server.closeFuture.get()
            } onCancel: {
                server.close(promise: nil)
                connections.closeAll()
            }
        } onGracefulShutdown: {
            server.close(promise: nil)
            connections.stop()
        }
        connections.stop()
        for closed in connections.closeFutures() { try? await closed.get() }
        logger.info("metrics endpoint stopped")
    }

    /// The answer to `request`: the scrape, or a plain-text 404 or 405.
    func response(to request: HTTPRequestHead) async -> Response {
        let path = request.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path == "/metrics" else { return Response(status: .notFound, text: "not found: the only path is /metrics\n") }
        guard request.method == .GET else {
            var response = Response(status: .methodNotAllowed, text: "\(request.method) not allowed: use GET /metrics\n")
            response.headers.add(name: "Allow", value: "GET")
            return response
        }
        await refresh()
        var body: [UInt8] = []
        registry.emit(into: &body)
        return Response(status: .ok, contentType: Self.contentType, body: body)
    }

    /// The Prometheus text exposition format, version 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    struct Response {
        var status: HTTPResponseStatus
        var headers = HTTPHeaders()
        var body: [UInt8]

        init(status: HTTPResponseStatus, contentType: String, body: [UInt8]) {
            self.status = status
            self.body = body
            headers.add(name: "Content-Type", value: contentType)
        }

        init(status: HTTPResponseStatus, text: String) {
            self.init(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
        }

        func head(version: HTTPVersion) -> HTTPResponseHead {
            var headers = headers
            headers.add(name: "Content-Length", value: "\(body.count)")
            headers.add(name: "Connection", value: "close")
            return HTTPResponseHead(version: version, status: status, headers: headers)
        }
    }
}

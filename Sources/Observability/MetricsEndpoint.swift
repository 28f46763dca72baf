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
        typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            address.fail(error)
            throw error
        }
        let local = server.channel.localAddress!
        logger.info("metrics endpoint listening", metadata: ["metrics_address": "\(local.ipAddress ?? "?"):\(local.port ?? 0)"])
        address.succeed(local)
        // Closing the listener ends the accept loop once the connections it
        // accepted are handed out; their request waits end on shutdown too.
        try await withGracefulShutdownHandler {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
        logger.info("metrics endpoint stopped")
    }

    /// Answers the connection's first request, then closes it. A client that
    /// sends no complete request within `requestTimeout`, or before a
    /// graceful shutdown, is closed unanswered.
    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                let request = try await cancelWhenGracefulShutdown {
                    try await Self.firstRequest(in: inbound, within: self.requestTimeout)
                }
                guard let request else { return }
                let response = await response(to: request)
                try await outbound.write(.head(response.head(version: request.version)))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
                try await outbound.write(.end(nil))
            }
        } catch {
            logger.debug("metrics connection ended", metadata: ["metrics_error": "\(error)"])
        }
    }

    /// The head of the first request whose end arrives within `timeout`, or
    /// nil when the client closes first or takes longer.
    private static func firstRequest(
        in inbound: NIOAsyncChannelInboundStream<HTTPServerRequestPart>, within timeout: Duration
    ) async throws -> HTTPRequestHead? {
        try await withThrowingTaskGroup(of: HTTPRequestHead?.self) { group in
            group.addTask {
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let request): head = request
                    case .body: continue
                    case .end: if let head { return head }
                    }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
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

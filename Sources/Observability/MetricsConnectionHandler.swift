import NIOCore
import NIOHTTP1

/// One metrics connection: answers its first request, then closes. A client
/// that sends no complete request within the timeout, or before a graceful
/// shutdown (``Stop``), is closed unanswered.
final class MetricsConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The endpoint is shutting down gracefully.
    struct Stop: Sendable {}

    private let requestTimeout: TimeAmount
    private let respond: @Sendable (HTTPRequestHead) async -> MetricsEndpoint.Response
    private var head: HTTPRequestHead?
    private var answering = false
    private var timeout: Scheduled<Void>?

    init(requestTimeout: Duration, respond: @escaping @Sendable (HTTPRequestHead) async -> MetricsEndpoint.Response) {
        let (seconds, attoseconds) = requestTimeout.components
        self.requestTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        self.respond = respond
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimeout(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimeout(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timeout?.cancel()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is Stop else { return context.fireUserInboundEventTriggered(event) }
        if !answering { context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answering else { return }
        switch unwrapInboundIn(data) {
        case .head(let request): head = request
        case .body: return
        case .end:
            guard let head else { return }
            answering = true
            timeout?.cancel()
            let respond = respond
            let promise = context.eventLoop.makePromise(of: MetricsEndpoint.Response.self)
            promise.completeWithTask { await respond(head) }
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            promise.futureResult.whenSuccess { response in
                let (handler, context) = bound.value
                handler.write(response, version: head.version, context: context)
            }
        }
    }

    private func write(_ response: MetricsEndpoint.Response, version: HTTPVersion, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(response.head(version: version))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    private func startTimeout(_ context: ChannelHandlerContext) {
        guard timeout == nil else { return }
        let channel = context.channel
        timeout = context.eventLoop.scheduleTask(in: requestTimeout) { channel.close(promise: nil) }
    }
}

import NIOCore

/// One request of the raw echo client, and where its answer goes.
struct EchoRequest {
    var body: ByteBuffer
    var response: EventLoopPromise<ByteBuffer>
}

/// Pipelines requests on one connection: answers come back in order, so each
/// completes the oldest promise still waiting.
final class EchoClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = EchoRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<ByteBuffer>>()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = Self.unwrapOutboundIn(data)
        waiting.append(request.response)
        var framed = context.channel.allocator.buffer(capacity: 4 + request.body.readableBytes)
        framed.writeEchoMessage(request.body)
        context.write(Self.wrapOutboundOut(framed), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !waiting.isEmpty else {
            context.fireErrorCaught(BenchFailure("an echo answer nobody asked for"))
            return
        }
        waiting.removeFirst().succeed(Self.unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    private func failAll(_ error: any Error) {
        while !waiting.isEmpty { waiting.removeFirst().fail(error) }
    }
}

import NIOCore

/// Echoes each message back, flushing once per read burst (as attrd batches
/// the frames of one event-loop tick).
final class EchoServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let body = Self.unwrapInboundIn(data)
        var framed = context.channel.allocator.buffer(capacity: 4 + body.readableBytes)
        framed.writeEchoMessage(body)
        context.write(Self.wrapOutboundOut(framed), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

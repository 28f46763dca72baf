import Logging
import NIOCore
import Wire

extension ServerConnectionHandler {
    /// Queues a frame; it goes out with the next flush.
    func write(_ frame: Frame) {
        if output == nil, let context {
            output = context.channel.allocator.buffer(capacity: 1024)
        }
        frame.encode(into: &output!)
    }

    /// Flushes once after everything already queued on the event loop has run,
    /// so that responses completing together share one write.
    func scheduleFlush() {
        guard !flushScheduled, let context else { return }
        flushScheduled = true
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute { bound.value.flushNow() }
    }

    func flushNow() {
        flushScheduled = false
        guard let context, let buffer = output, buffer.readableBytes > 0 else { return }
        output = nil
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: Called by streams, on the event loop.

    func streamConsumed(_ id: UInt32, bytes: Int) {
        guard let increment = state.consumed(id, bytes: bytes) else { return }
        write(.windowUpdate(streamID: id, increment: increment))
        scheduleFlush()
    }

    func sendMessage(_ id: UInt32, headers: Metadata?, message: ByteBuffer) {
        guard streams[id] != nil else { return }
        if let headers { write(.headers(streamID: id, headers)) }
        write(.message(streamID: id, message, flags: []))
        scheduleFlush()
    }

    func sendTrailers(_ id: UInt32, headers: Metadata?, _ trailers: Trailers) {
        guard endStream(id) != nil else { return }  // already cancelled or timed out
        if let headers { write(.headers(streamID: id, headers)) }
        write(.trailers(streamID: id, trailers))
        scheduleFlush()
    }
}

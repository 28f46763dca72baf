import Logging
import NIOCore
import Wire

extension ServerConnectionHandler {
    /// Queues a frame; it goes out with the next flush.
    func write(_ frame: Frame) {
        batch.append(frame)
    }

    /// Flushes once after everything already queued on the event loop has run,
    /// so that frames completing together share one write.
    func scheduleFlush() {
        guard let context, batch.needsScheduledFlush() else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute { bound.value.flushNow() }
    }

    func flushNow() {
        if let buffer = batch.take(), let context {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
        releaseReserved()
    }

    /// The reserved messages in the batch have gone to the channel (or were
    /// dropped, `extra`): tells `outbound`, with the channel's writability.
    func releaseReserved(extra: Int = 0) {
        let released = batchReserved + extra
        batchReserved = 0
        guard released > 0 else { return }
        outbound.update(released: released, writable: context?.channel.isWritable ?? true)
    }

    // MARK: Called by streams, on the event loop.

    func streamConsumed(_ id: UInt32, bytes: Int) {
        guard let increment = state.consumed(id, bytes: bytes) else { return }
        write(.windowUpdate(streamID: id, increment: increment))
        scheduleFlush()
    }

    /// `reserved`: the room the stream took in `outbound` for the message.
    func sendMessage(_ id: UInt32, headers: Metadata?, message: ByteBuffer, reserved: Int) {
        guard streams[id] != nil, !closing else {
            releaseReserved(extra: reserved)
            return
        }
        if let headers { write(.headers(streamID: id, headers)) }
        write(.message(streamID: id, message, flags: []))
        batchReserved += reserved
        scheduleFlush()
    }

    func sendTrailers(_ id: UInt32, headers: Metadata?, _ trailers: Trailers) {
        guard endStream(id) != nil else { return }  // already cancelled or timed out
        if let headers { write(.headers(streamID: id, headers)) }
        write(.trailers(streamID: id, trailers))
        scheduleFlush()
    }
}

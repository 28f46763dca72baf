import DequeModule
import NIOCore
import Synchronization
import Wire

extension ClientConnectionHandler {
    /// Opens a stream, sending `firstMessage` with it when given; queued while
    /// the server's concurrent-stream limit is reached.
    func open(_ head: CallHead, firstMessage: ByteBuffer?, token: UInt64, promise: EventLoopPromise<ClientStream>) {
        guard let context else {
            promise.fail(RPCError(code: .unavailable, message: "connection closed"))
            return
        }
        if let unusable {
            promise.fail(unusable)
            return
        }
        let deadline: NIODeadline? = head.timeoutMicroseconds > 0
            ? .now() + .microseconds(Int64(clamping: head.timeoutMicroseconds)) : nil
        pending.append(PendingOpen(token: token, head: head, firstMessage: firstMessage, promise: promise,
                                   deadline: deadline, timer: nil))
        openPending()
        // Still waiting for a stream (the server's limit is reached): its deadline runs meanwhile.
        if let deadline, let index = pending.lastIndex(where: { $0.token == token }) {
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            pending[index].timer = context.eventLoop.scheduleTask(deadline: deadline) {
                bound.value.dropPending(token, RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
            }
        }
    }

    /// Fails a call still waiting for a stream (its deadline passed, or its task was cancelled).
    func dropPending(_ token: UInt64, _ error: RPCError) {
        guard let index = pending.firstIndex(where: { $0.token == token }) else { return }
        let open = pending.remove(at: index)
        open.timer?.cancel()
        open.promise.fail(error)
    }

    func openPending() {
        guard let context else { return }
        guard unusable == nil else {
            // A draining connection closes once its last call has ended.
            if streams.isEmpty, context.channel.isActive {
                flushNow()
                context.close(promise: nil)
            }
            return
        }
        guard peerSettingsReceived else { return }
        while streams.count < Int(peerSettings.maxConcurrentStreams), var open = pending.popFirst() {
            open.timer?.cancel()
            guard nextStreamID < UInt32(Int32.max) else {
                // Ids are never reused: this connection is done; calls go to a new one.
                pending.prepend(open)
                markUnusable(RPCError(code: .unavailable, message: "stream ids exhausted on this connection"))
                return
            }
            var remaining: TimeAmount?
            if let deadline = open.deadline {
                remaining = deadline - .now()
                guard let left = remaining, left > .zero else {
                    open.promise.fail(RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
                    continue
                }
                // The server gets what is left of the deadline, not all of it again.
                open.head.timeoutMicroseconds = UInt64(max(1, left.nanoseconds / 1000))
            }
            let id = nextStreamID
            nextStreamID += 1
            let link = ClientConnectionLink(eventLoop: context.eventLoop, handler: NIOLoopBound(self, eventLoop: context.eventLoop))
            let stream = ClientStream(id: id, link: link, sendWindow: Int64(peerSettings.initialWindowSize),
                                      maxRequestSize: Int(peerSettings.maxMessageSize))
            var entry = Entry(stream: stream, receiveWindow: Int64(localSettings.initialWindowSize))
            if let remaining {
                let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
                entry.deadline = context.eventLoop.scheduleTask(in: remaining) {
                    bound.value.failStream(id, RPCError(code: .deadlineExceeded, message: "deadline exceeded"), cancel: true)
                    bound.value.scheduleFlush()
                }
            }
            streams[id] = entry
            write(.call(streamID: id, open.head))
            if let message = open.firstMessage {
                stream.state.withLock { $0.window.spend(payloadBytes: message.readableBytes); $0.sentEnd = true }
                write(.message(streamID: id, message, flags: .endStream))
            }
            open.promise.succeed(stream)
        }
        scheduleFlush()
    }

    func streamConsumed(_ id: UInt32, bytes: Int) {
        guard var entry = streams[id] else { return }
        entry.receiveWindow += Int64(bytes)
        streams[id] = entry
        write(.windowUpdate(streamID: id, increment: UInt32(bytes)))
        scheduleFlush()
    }

    func sendMessage(_ id: UInt32, _ message: ByteBuffer, end: Bool) {
        guard streams[id] != nil else { return }
        write(.message(streamID: id, message, flags: end ? .endStream : []))
        scheduleFlush()
    }

    func sendEnd(_ id: UInt32) {
        guard streams[id] != nil else { return }
        write(.endStream(streamID: id))
        scheduleFlush()
    }

    func sendCancel(_ id: UInt32, _ code: StatusCode) {
        guard let entry = streams.removeValue(forKey: id) else { return }
        entry.deadline?.cancel()
        write(.cancel(streamID: id, code))
        scheduleFlush()
        openPending()
    }

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
        guard let buffer = batch.take(), let context else { return }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }
}

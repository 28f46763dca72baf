import Foundation
import Identity
import Logging
import NIOCore
import Wire

extension ServerConnectionHandler {
    func perform(_ action: ServerConnectionState.Action) {
        switch action {
        case .none:
            break
        case .peerGoingAway:
            if streams.isEmpty { close() }
        case .sendSettings:
            write(.settings(configuration.settings))
            startKeepalive()
        case .openStream(let id, let head):
            open(id, head)
        case .refuseStream(let id, let status):
            write(.trailers(streamID: id, Trailers(status: status)))
        case .deliverMessage(let id, let message, let endStream):
            guard let live = streams[id] else { return }
            live.stream.receive(message.compacted)
            if endStream { live.stream.receiveEnd() }
        case .deliverEnd(let id):
            streams[id]?.stream.receiveEnd()
        case .cancelStream(let id, let code):
            endStream(id)?.cancel(code)
        case .failStream(let id, let status):
            endStream(id)?.cancel(status.code)
            write(.trailers(streamID: id, Trailers(status: status)))
        case .addSendWindow(let id, let increment):
            if streams[id]?.stream.addSendWindow(increment) == false {
                connectionError(WireError(code: .flowControlError, message: "WINDOW_UPDATE beyond 2^31-1 on stream \(id)"))
            }
        case .sendPong(let payload):
            write(.ping(payload, ack: true))
        case .pongReceived:
            keepalive.pongReceived()
        case .connectionError(let error):
            logger.notice("connection error", metadata: ["rpc_error": "\(error)"])
            connectionError(error)
        }
    }

    private func open(_ id: UInt32, _ head: CallHead) {
        guard let principal, let context else { return }
        let route: Router.Route
        switch router.lookup(head.method) {
        case .success(let found): route = found
        case .failure(let error):
            refuse(id, Status(code: error.code, message: error.message))
            return
        }
        guard tenantLimiter.acquire(principal.tenantID) else {
            refuse(id, Status(code: .resourceExhausted,
                              message: "tenant has \(tenantLimiter.limit) calls in flight, the limit"))
            return
        }
        let stream = ServerStream(
            id: id,
            link: ConnectionLink(
                eventLoop: context.eventLoop, handler: NIOLoopBound(self, eventLoop: context.eventLoop), outbound: outbound),
            sendWindow: Int64(state.peer.initialWindowSize),
            maxResponseSize: Int(min(state.peer.maxMessageSize, configuration.settings.maxMessageSize)),
            maxMetadataSize: Int(state.peer.maxMetadataSize)
        )
        if head.endStream { stream.receiveEnd() }
        var deadline: ContinuousClock.Instant?
        var live = LiveStream(stream: stream, tenant: principal.tenantID)
        if head.timeoutMicroseconds > 0 {
            let timeout = Int64(clamping: head.timeoutMicroseconds)
            deadline = .now + .microseconds(timeout)
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            live.deadline = context.eventLoop.scheduleTask(in: .microseconds(timeout)) {
                bound.value.deadlineExpired(id)
            }
        }
        streams[id] = live
        idleTimer?.cancel()
        let serverContext = ServerContext(
            method: head.method, access: route.access, principal: principal, metadata: head.metadata, deadline: deadline,
            peer: peer, callID: CallID(connection: connectionNumber, stream: id), connectionLogger: logger, stream: stream)
        context.fireChannelRead(wrapInboundOut(ServerCall(context: serverContext, stream: stream, handler: route.handler)))
    }

    private func refuse(_ id: UInt32, _ status: Status) {
        state.streamClosed(id)
        if case .connectionError(let error) = state.streamError(at: .now(), .none) {
            connectionError(error)
            return
        }
        write(.trailers(streamID: id, Trailers(status: status)))
    }

    /// Forgets a stream on this side: its timer, its tenant slot, its state.
    @discardableResult
    func endStream(_ id: UInt32) -> ServerStream? {
        guard let live = streams.removeValue(forKey: id) else { return nil }
        live.deadline?.cancel()
        outbound.forget(id)
        tenantLimiter.release(live.tenant)
        state.streamClosed(id)
        if streams.isEmpty { streamsDrained() }
        return live.stream
    }

    func deadlineExpired(_ id: UInt32) {
        guard let stream = endStream(id) else { return }
        stream.cancel(.deadlineExceeded)
        write(.trailers(streamID: id, Trailers(status: Status(code: .deadlineExceeded, message: "deadline exceeded"))))
        scheduleFlush()
    }

    /// Sends GOAWAY with `error`, stops every call and closes.
    func connectionError(_ error: WireError) {
        guard !closing else { return }
        write(.goAway(GoAway(lastStreamID: state.lastStreamID, code: error.code, message: error.message)))
        close()
    }

    /// Closes once what is queued (a GOAWAY, trailers) has been written, or
    /// after a second if the client does not read it.
    func close() {
        guard !closing, let context else { return }
        closing = true
        guard let buffer = batch.take() else {
            context.close(promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: written)
        releaseReserved()
        let channel = context.channel
        let backstop = context.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
        written.futureResult.whenComplete { _ in
            backstop.cancel()
            channel.close(promise: nil)
        }
    }

    /// The last stream ended: a draining connection closes once what is
    /// being written now (the stream's trailers) has gone out.
    private func streamsDrained() {
        guard state.phase == .draining || state.peerWentAway, let context else {
            resetIdleTimer()
            return
        }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute { bound.value.close() }
    }
}

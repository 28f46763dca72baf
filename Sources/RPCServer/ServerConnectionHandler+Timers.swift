import Logging
import NIOCore
import Wire

/// Keepalive: after an interval with no frame from the client, PING it; no
/// answer within the timeout closes the connection.
struct KeepaliveState {
    var sawActivity = false
    var check: Scheduled<Void>?
    var timeout: Scheduled<Void>?

    mutating func pongReceived() {
        timeout?.cancel()
        timeout = nil
    }

    mutating func cancel() {
        check?.cancel()
        timeout?.cancel()
    }
}

extension ServerConnectionHandler {
    func resetIdleTimer() {
        idleTimer?.cancel()
        guard let context, streams.isEmpty, !closing else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        idleTimer = context.eventLoop.scheduleTask(in: configuration.idleTimeout) {
            let handler = bound.value
            guard handler.streams.isEmpty else { return }
            handler.logger.debug("closing idle connection")
            handler.connectionError(WireError(code: .noError, message: "idle"))
        }
    }

    func startKeepalive() {
        guard let context else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        keepalive.check = context.eventLoop.scheduleTask(in: configuration.keepaliveInterval) {
            bound.value.keepaliveDue()
        }
    }

    private func keepaliveDue() {
        guard let context, !closing else { return }
        if !keepalive.sawActivity, keepalive.timeout == nil {
            write(.ping(UInt64(truncatingIfNeeded: NIODeadline.now().uptimeNanoseconds), ack: false))
            flushNow()
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            keepalive.timeout = context.eventLoop.scheduleTask(in: configuration.keepaliveTimeout) {
                let handler = bound.value
                handler.logger.notice("client did not answer a keepalive PING; closing")
                handler.close()
            }
        }
        keepalive.sawActivity = false
        startKeepalive()
    }

    func beginGracefulShutdown() {
        guard let context, !closing else { return }
        switch state.beginDraining() {
        case .already:
            return
        case .close:
            close()
            return
        case .sendGoAway(let goAway):
            write(.goAway(goAway))
            flushNow()
        }
        if streams.isEmpty {
            close()
            return
        }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        graceTimer = context.eventLoop.scheduleTask(in: configuration.shutdownGracePeriod) {
            let handler = bound.value
            for id in Array(handler.streams.keys) {
                handler.endStream(id)?.cancel(.unavailable)
                handler.write(.trailers(streamID: id, Trailers(status: Status(
                    code: .unavailable, message: "the server shut down before the call finished"))))
            }
            handler.close()
        }
    }
}

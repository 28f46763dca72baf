import Logging
import NIOCore
import Wire

/// Keepalive: an interval after the client's last frame, PING it; no
/// answer within the timeout closes the connection.
struct KeepaliveState {
    /// When the client's last frame arrived (event-loop time).
    var lastFrame = NIODeadline.uptimeNanoseconds(0)
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
        keepalive.lastFrame = context.eventLoop.now
        scheduleKeepalive(at: keepalive.lastFrame + configuration.keepaliveInterval)
    }

    /// The check runs when a PING would be due if no frame came meanwhile; a
    /// frame that did come moves it to an interval after that frame, so the
    /// PING goes out an interval after the last frame, not up to two.
    private func scheduleKeepalive(at deadline: NIODeadline) {
        guard let context else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        keepalive.check = context.eventLoop.scheduleTask(deadline: deadline) {
            bound.value.keepaliveDue()
        }
    }

    private func keepaliveDue() {
        guard let context, !closing else { return }
        let now = context.eventLoop.now
        let due = keepalive.lastFrame + configuration.keepaliveInterval
        guard due <= now else {
            scheduleKeepalive(at: due)
            return
        }
        if keepalive.timeout == nil {
            write(.ping(UInt64(truncatingIfNeeded: now.uptimeNanoseconds), ack: false))
            flushNow()
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            keepalive.timeout = context.eventLoop.scheduleTask(in: configuration.keepaliveTimeout) {
                let handler = bound.value
                handler.logger.notice("client did not answer a keepalive PING; closing")
                handler.close()
            }
        }
        scheduleKeepalive(at: now + configuration.keepaliveInterval)
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

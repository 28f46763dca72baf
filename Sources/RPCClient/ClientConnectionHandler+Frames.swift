import DequeModule
import Logging
import NIOCore
import Wire

extension ClientConnectionHandler {
    func received(_ frame: Frame) {
        switch frame {
        case .settings(let settings):
            guard !peerSettingsReceived else {
                connectionFailed(WireError(code: .protocolError, message: "SETTINGS sent twice"))
                return
            }
            peerSettings = settings
            peerSettingsReceived = true
            serverSettings.succeed(settings)
            openPending()
        case .headers(let id, let metadata):
            streams[id]?.stream.receiveHeaders(metadata)
        case .message(let id, let payload, let flags):
            guard var entry = streams[id] else { return }
            guard !flags.contains(.compressed) else {
                failStream(id, RPCError(code: .unimplemented, message: "compressed responses are not supported"), cancel: true)
                return
            }
            guard entry.receiveWindow > 0 else {
                connectionFailed(WireError(code: .flowControlError, message: "MESSAGE beyond the flow-control window"))
                return
            }
            entry.receiveWindow -= Int64(FrameHeader.size + payload.readableBytes)
            streams[id] = entry
            entry.stream.receive(payload.compacted)
        case .trailers(let id, let trailers):
            guard let entry = streams.removeValue(forKey: id) else { return }
            entry.deadline?.cancel()
            entry.stream.receiveTrailers(trailers)
            openPending()
        case .windowUpdate(let id, let increment):
            if streams[id]?.stream.addSendWindow(Int64(increment)) == false {
                connectionFailed(WireError(code: .flowControlError, message: "WINDOW_UPDATE beyond 2^31-1 on stream \(id)"))
            }
        case .ping(let payload, let ack):
            if !ack {
                write(.ping(payload, ack: true))
            }
        case .goAway(let goAway):
            goingAway(goAway)
        case .call, .endStream, .cancel:
            connectionFailed(WireError(code: .protocolError, message: "\(frame) travels from client to server only"))
        case .unknown:
            break
        }
    }

    private func goingAway(_ goAway: GoAway) {
        let reason: RPCError
        if goAway.code == .identityRejected {
            reason = RPCError(code: .unauthenticated, message: "the server rejected this client's identity: \(goAway.message)")
        } else {
            let detail = goAway.message.isEmpty ? "\(goAway.code)" : "\(goAway.code): \(goAway.message)"
            reason = RPCError(code: .unavailable, message: "the server is closing the connection (\(detail))")
        }
        logger.debug("server sent GOAWAY", metadata: ["rpc_goaway": "\(reason)"])
        markUnusable(reason)
        // Calls the server never processed may be retried elsewhere; those it did run to completion.
        for id in streams.keys where id > goAway.lastStreamID {
            failStream(id, reason, cancel: false)
        }
        if goAway.code != .noError || streams.isEmpty {
            for id in Array(streams.keys) { failStream(id, reason, cancel: false) }
            context?.close(promise: nil)
        }
    }

    func connectionFailed(_ error: WireError) {
        logger.notice("protocol error from server", metadata: ["rpc_error": "\(error)"])
        write(.goAway(GoAway(lastStreamID: 0, code: error.code, message: error.message)))
        flushNow()
        markUnusable(RPCError(code: .internal, message: "protocol error: \(error.message)"))
        context?.close(promise: nil)
    }

    /// No new calls here: fail what is queued and, if the channel is gone, what is open.
    func markUnusable(_ reason: RPCError) {
        let first = unusable == nil
        unusable = reason
        serverSettings.fail(reason)
        while let open = pending.popFirst() {
            open.timer?.cancel()
            open.promise.fail(reason)
        }
        if context?.channel.isActive != true {
            for id in Array(streams.keys) { failStream(id, reason, cancel: false) }
        }
        if first { onUnusable() }
    }

    func failStream(_ id: UInt32, _ error: RPCError, cancel: Bool) {
        guard let entry = streams.removeValue(forKey: id) else { return }
        entry.deadline?.cancel()
        entry.stream.fail(error)
        if cancel { write(.cancel(streamID: id, error.code == .deadlineExceeded ? .deadlineExceeded : .cancelled)) }
        openPending()
    }
}

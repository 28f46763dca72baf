import NIOCore
import Wire

extension ServerConnectionState {
    mutating func received(_ frame: Frame, at now: NIODeadline) -> Action {
        switch frame {
        case .settings:
            return fail(.protocolError, "SETTINGS sent twice")
        case .call(let id, let head):
            let action = openCall(id, head)
            if case .refuseStream = action { return streamError(at: now, action) }
            return action
        case .message(let id, let payload, let flags):
            guard var stream = streams[id] else { return unknownStream(id) }
            guard stream.receiveWindow > 0 else {
                return fail(.flowControlError, "MESSAGE on stream \(id) beyond its flow-control window")
            }
            guard !stream.clientEnded else {
                streams[id] = nil
                return streamError(at: now, .failStream(id: id, Status(code: .internal, message: "MESSAGE after END_STREAM")))
            }
            guard !flags.contains(.compressed) else {
                streams[id] = nil
                return streamError(at: now, .failStream(
                    id: id, Status(code: .unimplemented, message: "compressed messages are not supported")))
            }
            stream.receiveWindow -= Int64(FrameHeader.size + payload.readableBytes)
            stream.clientEnded = flags.contains(.endStream)
            streams[id] = stream
            return .deliverMessage(id: id, payload, endStream: stream.clientEnded)
        case .endStream(let id):
            guard streams[id] != nil else { return unknownStream(id) }
            streams[id]!.clientEnded = true
            return .deliverEnd(id: id)
        case .cancel(let id, let code):
            if cancels.record(at: now) {
                return fail(.enhanceYourCalm, "too many CANCEL frames")
            }
            guard streams.removeValue(forKey: id) != nil else { return unknownStream(id) }
            return .cancelStream(id: id, code == .deadlineExceeded ? .deadlineExceeded : .cancelled)
        case .windowUpdate(let id, let increment):
            guard streams[id] != nil else { return unknownStream(id) }
            return .addSendWindow(id: id, Int64(increment))
        case .ping(let payload, let ack):
            if ack { return .pongReceived }
            if pings.record(at: now) {
                return fail(.enhanceYourCalm, "too many PING frames")
            }
            return .sendPong(payload)
        case .goAway:
            peerWentAway = true
            return .peerGoingAway
        case .headers, .trailers:
            return fail(.protocolError, "\(frame.type) frames travel from server to client only")
        case .unknown:
            return .none
        }
    }

    private mutating func openCall(_ id: UInt32, _ head: CallHead) -> Action {
        guard id > lastStreamID else {
            return fail(.protocolError, "stream id \(id) is not greater than \(lastStreamID)")
        }
        lastStreamID = id
        guard !peerWentAway else {
            return fail(.protocolError, "CALL on stream \(id) after the client's GOAWAY")
        }
        if phase == .draining {
            return .refuseStream(id: id, Status(code: .unavailable, message: "the server is shutting down"))
        }
        guard streams.count < Int(local.maxConcurrentStreams) else {
            return .refuseStream(id: id, Status(
                code: .resourceExhausted, message: "too many concurrent streams (limit \(local.maxConcurrentStreams))"))
        }
        guard head.metadata.wireSize <= Int(local.maxMetadataSize) else {
            return .refuseStream(id: id, Status(
                code: .resourceExhausted,
                message: "metadata of \(head.metadata.wireSize) bytes exceeds the limit of \(local.maxMetadataSize)"))
        }
        if let reason = head.metadata.invalidReason {
            return .refuseStream(id: id, Status(code: .internal, message: reason))
        }
        streams[id] = Stream(receiveWindow: Int64(local.initialWindowSize), clientEnded: head.endStream)
        return .openStream(id: id, head)
    }
}

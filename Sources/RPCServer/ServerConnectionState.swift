import NIOCore
import Wire

/// The protocol state of one server connection, as a value: it takes each
/// decoded frame and says what to do. No I/O, no timers, no handler tasks:
/// `ServerConnectionHandler` carries the actions out, and tests drive this directly.
struct ServerConnectionState {
    enum Phase: Equatable {
        case awaitingPreface
        case awaitingSettings
        case active
        /// GOAWAY sent: no new calls; close when the last stream ends.
        case draining
        case closed
    }

    struct Stream: Equatable {
        /// How many more bytes the client may send before it must wait for WINDOW_UPDATE.
        var receiveWindow: Int64
        var clientEnded: Bool
    }

    enum Action: Equatable {
        case none
        /// A valid preface: send our SETTINGS.
        case sendSettings
        case openStream(id: UInt32, CallHead)
        /// Answer a CALL at once with TRAILERS and forget it.
        case refuseStream(id: UInt32, Status)
        case deliverMessage(id: UInt32, ByteBuffer, endStream: Bool)
        case deliverEnd(id: UInt32)
        /// The client cancelled: stop the handler, send nothing.
        case cancelStream(id: UInt32, StatusCode)
        /// A stream error: stop the handler and send TRAILERS with this status.
        case failStream(id: UInt32, Status)
        case addSendWindow(id: UInt32, Int64)
        case sendPong(UInt64)
        case pongReceived
        /// A connection error: send GOAWAY with it, then close.
        case connectionError(WireError)
        /// The client sent GOAWAY: accept no new calls.
        case peerGoingAway
    }

    let local: Settings
    var peer = Settings.defaults
    var phase = Phase.awaitingPreface
    var streams: [UInt32: Stream] = [:]
    /// The highest stream id the client has opened (or tried to).
    var lastStreamID: UInt32 = 0
    var peerSettingsReceived = false
    /// The client sent GOAWAY: it opens no more calls.
    var peerWentAway = false
    var pings: RateLimit
    var cancels: RateLimit

    init(local: Settings, pingLimit: RateLimit, cancelLimit: RateLimit) {
        self.local = local
        self.pings = pingLimit
        self.cancels = cancelLimit
    }

    var openStreams: Int { streams.count }

    mutating func received(_ event: FrameDecoder.Event, at now: NIODeadline) -> Action {
        switch (phase, event) {
        case (.closed, _):
            return .none
        case (.awaitingPreface, .preface(let preface)):
            guard ConnectionPreface.supportedMajorVersions.contains(preface.major) else {
                return fail(.unsupportedVersion, "supported major versions: 1")
            }
            phase = .awaitingSettings
            return .sendSettings
        case (_, .preface), (.awaitingPreface, _):
            return fail(.protocolError, "unexpected connection preface")
        case (_, .frame(.settings(let settings))) where !peerSettingsReceived:
            peer = settings
            peerSettingsReceived = true
            if phase == .awaitingSettings { phase = .active }
            return .none
        case _ where !peerSettingsReceived:
            return fail(.protocolError, "the first frame after the preface must be SETTINGS")
        case (_, .messageTooLarge(0, _)):
            return fail(.protocolError, "MESSAGE on stream 0")
        case (_, .messageTooLarge(let id, let length)):
            guard streams.removeValue(forKey: id) != nil else { return unknownStream(id) }
            return streamError(at: now, .failStream(id: id, Status(
                code: .resourceExhausted,
                message: "request message of \(length) bytes exceeds the limit of \(local.maxMessageSize)")))
        case (_, .frame(let frame)):
            return received(frame, at: now)
        }
    }

    /// A stream the client caused to fail counts, like a CANCEL, against the
    /// rapid-reset limit: opening and killing streams in a loop ends the connection.
    mutating func streamError(at now: NIODeadline, _ action: Action) -> Action {
        cancels.record(at: now) ? fail(.enhanceYourCalm, "too many cancelled or failed streams") : action
    }

    /// Forgets a stream the server finished (TRAILERS sent) or cancelled.
    mutating func streamClosed(_ id: UInt32) {
        streams.removeValue(forKey: id)
    }

    /// The client's window is credited back; returns the increment to send, if any.
    mutating func consumed(_ id: UInt32, bytes: Int) -> UInt32? {
        guard var stream = streams[id], !stream.clientEnded else { return nil }
        stream.receiveWindow += Int64(bytes)
        streams[id] = stream
        return UInt32(bytes)
    }

    enum Draining: Equatable {
        /// Send this GOAWAY, then let the open streams finish.
        case sendGoAway(GoAway)
        /// Nothing was ever called here (no preface yet): just close.
        case close
        /// Draining (or closed) already.
        case already
    }

    /// Starts a graceful shutdown.
    mutating func beginDraining() -> Draining {
        switch phase {
        case .awaitingPreface:
            phase = .closed
            return .close
        case .awaitingSettings, .active:
            phase = .draining
            return .sendGoAway(GoAway(lastStreamID: lastStreamID, code: .noError, message: "server shutting down"))
        case .draining, .closed:
            return .already
        }
    }

    mutating func fail(_ code: GoAwayCode, _ message: String) -> Action {
        phase = .closed
        return .connectionError(WireError(code: code, message: message))
    }

    func unknownStream(_ id: UInt32) -> Action {
        // A stream we closed may still receive frames in flight; one never opened may not.
        id <= lastStreamID ? .none : .connectionError(WireError(code: .protocolError, message: "frame on unopened stream \(id)"))
    }
}

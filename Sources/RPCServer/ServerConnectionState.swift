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
        case (.awaitingSettings, .frame(.settings(let settings))):
            peer = settings
            phase = .active
            return .none
        case (.awaitingSettings, _):
            return fail(.protocolError, "the first frame after the preface must be SETTINGS")
        case (_, .preface), (.awaitingPreface, _):
            return fail(.protocolError, "unexpected connection preface")
        case (_, .messageTooLarge(let id, let length)):
            guard streams.removeValue(forKey: id) != nil else { return unknownStream(id) }
            return .failStream(id: id, Status(
                code: .resourceExhausted,
                message: "request message of \(length) bytes exceeds the limit of \(local.maxMessageSize)"))
        case (_, .frame(let frame)):
            return received(frame, at: now)
        }
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

    /// Starts a graceful shutdown: returns the GOAWAY to send.
    mutating func beginDraining() -> GoAway? {
        guard phase == .active || phase == .awaitingSettings else { return nil }
        phase = .draining
        return GoAway(lastStreamID: lastStreamID, code: .noError, message: "server shutting down")
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

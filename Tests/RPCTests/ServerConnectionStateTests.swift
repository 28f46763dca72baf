import NIOCore
import Testing
import Wire
@testable import RPCServer

/// The connection state machine as a plain value: frames in, actions out.
@Suite("Server connection state machine")
struct ServerConnectionStateTests {
    var state = ServerConnectionState(
        local: Settings(maxConcurrentStreams: 2, initialWindowSize: 100),
        pingLimit: RateLimit(limit: 2, per: .seconds(10)),
        cancelLimit: RateLimit(limit: 2, per: .seconds(10)))
    let now = NIODeadline.now()

    mutating func open() {
        #expect(state.received(.preface(.current), at: now) == .sendSettings)
        #expect(state.received(.frame(.settings(.defaults)), at: now) == .none)
    }

    @Test mutating func prefaceThenSettingsThenCalls() {
        open()
        let head = CallHead(method: "/a.B/C")
        #expect(state.received(.frame(.call(streamID: 1, head)), at: now) == .openStream(id: 1, head))
        #expect(state.openStreams == 1)
    }

    @Test mutating func framesBeforeSettingsAreAProtocolError() {
        #expect(state.received(.preface(.current), at: now) == .sendSettings)
        guard case .connectionError(let error) = state.received(.frame(.ping(1, ack: false)), at: now) else {
            Issue.record("accepted a PING before SETTINGS")
            return
        }
        #expect(error.code == .protocolError)
    }

    @Test mutating func streamIDsMustIncrease() {
        open()
        _ = state.received(.frame(.call(streamID: 5, CallHead(method: "/a.B/C"))), at: now)
        guard case .connectionError(let error) = state.received(.frame(.call(streamID: 3, CallHead(method: "/a.B/C"))), at: now) else {
            Issue.record("accepted a decreasing stream id")
            return
        }
        #expect(error.code == .protocolError)
    }

    @Test mutating func flowControlWindowIsEnforced() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        // Window 100: a 200-byte message may overdraw it once...
        #expect(state.received(.frame(.message(streamID: 1, ByteBuffer(repeating: 0, count: 200), flags: [])), at: now)
                == .deliverMessage(id: 1, ByteBuffer(repeating: 0, count: 200), endStream: false))
        #expect(state.streams[1]?.receiveWindow == 100 - 210)
        // ...but nothing more may come until credit is returned.
        guard case .connectionError(let error) = state.received(.frame(.message(streamID: 1, ByteBuffer(), flags: [])), at: now) else {
            Issue.record("accepted a message beyond the window")
            return
        }
        #expect(error.code == .flowControlError)
    }

    @Test mutating func consumedCreditIsReturnedUntilTheClientEnds() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        _ = state.received(.frame(.message(streamID: 1, ByteBuffer(repeating: 0, count: 50), flags: [])), at: now)
        #expect(state.consumed(1, bytes: 60) == 60)
        #expect(state.streams[1]?.receiveWindow == 100)
        _ = state.received(.frame(.endStream(streamID: 1)), at: now)
        #expect(state.consumed(1, bytes: 60) == nil, "no credit once the client has ended")
    }

    @Test mutating func concurrentStreamLimitRefusesTheExtraCall() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        _ = state.received(.frame(.call(streamID: 3, CallHead(method: "/a.B/C"))), at: now)
        guard case .refuseStream(5, let status) = state.received(.frame(.call(streamID: 5, CallHead(method: "/a.B/C"))), at: now) else {
            Issue.record("third stream not refused")
            return
        }
        #expect(status.code == .resourceExhausted)
        state.streamClosed(1)
        #expect(state.received(.frame(.call(streamID: 7, CallHead(method: "/a.B/C"))), at: now) == .openStream(id: 7, CallHead(method: "/a.B/C")))
    }

    @Test mutating func cancelFloodAndPingFlood() {
        open()
        for id: UInt32 in [1, 3] {
            _ = state.received(.frame(.call(streamID: id, CallHead(method: "/a.B/C"))), at: now)
            #expect(state.received(.frame(.cancel(streamID: id, .cancelled)), at: now) == .cancelStream(id: id, .cancelled))
        }
        guard case .connectionError(let error) = state.received(.frame(.cancel(streamID: 3, .cancelled)), at: now) else {
            Issue.record("third cancel within the window accepted")
            return
        }
        #expect(error.code == .enhanceYourCalm)
    }

    @Test mutating func pingsBeyondTheLimitAreAFlood() {
        open()
        #expect(state.received(.frame(.ping(1, ack: false)), at: now) == .sendPong(1))
        #expect(state.received(.frame(.ping(2, ack: false)), at: now) == .sendPong(2))
        guard case .connectionError(let error) = state.received(.frame(.ping(3, ack: false)), at: now) else {
            Issue.record("ping flood accepted")
            return
        }
        #expect(error.code == .enhanceYourCalm)
        // A new window starts the count again (on a fresh connection state).
        var later = ServerConnectionState(local: .defaults, pingLimit: RateLimit(limit: 2, per: .seconds(10)),
                                          cancelLimit: RateLimit(limit: 2, per: .seconds(10)))
        _ = later.received(.preface(.current), at: now)
        _ = later.received(.frame(.settings(.defaults)), at: now)
        for offset in 0..<6 {
            #expect(later.received(.frame(.ping(0, ack: false)), at: now + .seconds(Int64(offset * 6))) == .sendPong(0))
        }
    }

    @Test mutating func drainingRefusesNewCallsWithUnavailable() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        #expect(state.beginDraining() == .sendGoAway(GoAway(lastStreamID: 1, code: .noError, message: "server shutting down")))
        #expect(state.beginDraining() == .already)
        guard case .refuseStream(3, let status) = state.received(.frame(.call(streamID: 3, CallHead(method: "/a.B/C"))), at: now) else {
            Issue.record("call accepted while draining")
            return
        }
        #expect(status.code == .unavailable)
    }

    @Test mutating func aCallAfterTheClientsGoAwayIsAProtocolError() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        #expect(state.received(.frame(.goAway(GoAway(lastStreamID: 0, code: .noError))), at: now) == .peerGoingAway)
        guard case .connectionError(let error) = state.received(.frame(.call(streamID: 3, CallHead(method: "/a.B/C"))), at: now) else {
            Issue.record("a call after the client's GOAWAY was accepted")
            return
        }
        #expect(error.code == .protocolError)
        #expect(error.message.contains("after the client's GOAWAY"))
    }

    @Test mutating func drainingBeforeThePrefaceJustCloses() {
        #expect(state.beginDraining() == .close)
        #expect(state.received(.preface(.current), at: now) == .none)
    }

    @Test mutating func aClientGoAwayDoesNotStopOurOwnDraining() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        #expect(state.received(.frame(.goAway(GoAway(lastStreamID: 0, code: .noError))), at: now) == .peerGoingAway)
        #expect(state.peerWentAway)
        #expect(state.beginDraining() == .sendGoAway(GoAway(lastStreamID: 1, code: .noError, message: "server shutting down")))
    }

    @Test mutating func provokedStreamErrorsCountAgainstTheRapidResetLimit() {
        open()
        // Limit 2: the third client-caused stream error within the window ends the connection.
        for id: UInt32 in [1, 3] {
            _ = state.received(.frame(.call(streamID: id, CallHead(method: "/a.B/C", endStream: true))), at: now)
            guard case .failStream = state.received(.frame(.message(streamID: id, ByteBuffer(), flags: [])), at: now) else {
                Issue.record("MESSAGE after END_STREAM did not fail the stream")
                return
            }
        }
        _ = state.received(.frame(.call(streamID: 5, CallHead(method: "/a.B/C", endStream: true))), at: now)
        guard case .connectionError(let error) = state.received(.frame(.message(streamID: 5, ByteBuffer(), flags: [])), at: now) else {
            Issue.record("third provoked stream error accepted")
            return
        }
        #expect(error.code == .enhanceYourCalm)
    }

    @Test mutating func serverOnlyFramesFromTheClientAreAProtocolError() {
        open()
        for frame in [Frame.headers(streamID: 1, [:]), .trailers(streamID: 1, Trailers(status: .ok))] {
            var copy = state
            guard case .connectionError(let error) = copy.received(.frame(frame), at: now) else {
                Issue.record("accepted \(frame) from a client")
                continue
            }
            #expect(error.code == .protocolError)
        }
    }

    @Test mutating func framesForClosedStreamsAreIgnoredButUnopenedOnesAreErrors() {
        open()
        _ = state.received(.frame(.call(streamID: 1, CallHead(method: "/a.B/C"))), at: now)
        state.streamClosed(1)
        #expect(state.received(.frame(.windowUpdate(streamID: 1, increment: 5)), at: now) == .none)
        guard case .connectionError = state.received(.frame(.endStream(streamID: 9)), at: now) else {
            Issue.record("frame on a never-opened stream accepted")
            return
        }
    }
}

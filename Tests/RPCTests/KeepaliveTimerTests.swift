import Identity
import Logging
import NIOCore
import NIOEmbedded
import TestSupport
import Testing
import Wire
@testable import RPCServer
@testable import TLS

/// The keepalive PING on a virtual clock: it goes out one interval (120 s)
/// after the client's last frame, whenever that frame came.
@Suite("Keepalive timer", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct KeepaliveTimerTests {
    let channel = EmbeddedChannel()
    var decoder = FrameDecoder(expectsPreface: false)

    /// A server connection past the handshake, the preface and SETTINGS, at virtual time 0.
    init() throws {
        let configuration = RPCServer.Configuration(host: "127.0.0.1", port: 0, trustDomain: try TrustDomain(DevPKI.trustDomain))
        try channel.pipeline.syncOperations.addHandler(ServerConnectionHandler(
            configuration: configuration, router: Router(), tenantLimiter: TenantCallLimiter(limit: 10),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let certificate = try #require(try X509Certificate.load(pemFile: DevPKI.path("clients/tenant1-admin.crt")).first)
        channel.pipeline.fireUserInboundEventTriggered(TLSEvent.handshakeCompleted(
            TLSHandshakeResult(peerCertificate: certificate, protocolVersion: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")))
        try channel.writeInbound(FrameDecoder.Event.preface(.current))
        try channel.writeInbound(FrameDecoder.Event.frame(.settings(.defaults)))
    }

    /// How many keepalive PINGs (not acks) the server wrote since the last look.
    mutating func pingsSent() throws -> Int {
        var count = 0
        while var bytes = try channel.readOutbound(as: ByteBuffer.self) {
            while let event = try decoder.decode(buffer: &bytes) {
                if case .frame(.ping(_, ack: false)) = event { count += 1 }
            }
        }
        return count
    }

    func advance(_ amount: TimeAmount) {
        channel.embeddedEventLoop.advanceTime(by: amount)
    }

    @Test mutating func aSilentClientIsPingedAfterTheInterval() throws {
        advance(.seconds(120) - .milliseconds(1))
        #expect(try pingsSent() == 0)
        advance(.milliseconds(1))
        #expect(try pingsSent() == 1)
    }

    @Test mutating func thePingComesAnIntervalAfterTheLastFrameNotAfterTheNextTick() throws {
        advance(.seconds(60))
        try channel.writeInbound(FrameDecoder.Event.frame(.ping(7, ack: false)))
        _ = try pingsSent()
        advance(.seconds(119))
        #expect(try pingsSent() == 0, "PING before 120 s of silence")
        advance(.seconds(1))
        #expect(try pingsSent() == 1, "no PING 120 s after the last frame (t = 180 s)")
    }

    @Test mutating func anAnsweredPingStartsTheIntervalAgainAndAnUnansweredOneCloses() throws {
        advance(.seconds(120))
        #expect(try pingsSent() == 1)
        advance(.seconds(5))
        try channel.writeInbound(FrameDecoder.Event.frame(.ping(0, ack: true)))
        advance(.seconds(119))
        #expect(try pingsSent() == 0)
        advance(.seconds(1))
        #expect(try pingsSent() == 1)
        #expect(channel.isActive)
        advance(.seconds(20))
        #expect(!channel.isActive, "still open 20 s after an unanswered PING")
    }
}

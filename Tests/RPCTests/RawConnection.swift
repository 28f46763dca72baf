import Logging
import NIOCore
import NIOPosix
import TLS
import TestSupport
import Wire

/// A bare ARPC/1 connection over mutual TLS, for protocol-level tests: it
/// writes exactly the bytes a test gives it and reports every frame the
/// server sends, so misbehaving clients can be played. Lives for one `with` scope.
final class RawConnection {
    private var inbound: NIOAsyncChannelInboundStream<FrameDecoder.Event>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    private init(inbound: NIOAsyncChannelInboundStream<FrameDecoder.Event>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Connects to 127.0.0.1:`port` with `certificate`, runs `body`, then closes.
    /// `receiveBuffer` sets SO_RCVBUF (what the kernel takes in while the test does not read).
    static func with<Result>(
        port: Int, certificate: String = "clients/tenant1-admin", receiveBuffer: Int? = nil,
        _ body: (RawConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await connect(port: port, certificate: certificate, receiveBuffer: receiveBuffer)
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawConnection(inbound: inbound, outbound: outbound))
        }
    }

    private static func connect(
        port: Int, certificate: String, receiveBuffer: Int?
    ) async throws -> NIOAsyncChannel<FrameDecoder.Event, ByteBuffer> {
        let tls = try TLSContext.client(
            serverName: "localhost", trustedCA: DevPKI.caCertificate,
            certificateChain: DevPKI.path("\(certificate).crt"), privateKey: DevPKI.path("\(certificate).key"))
        let logger = Logger(label: "raw", factory: { _ in SwiftLogNoOpLogHandler() })
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let receiveBuffer {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
        }
        let channel = try await bootstrap
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(OpenSSLHandler(context: tls, logger: logger))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(
                        FrameDecoder(expectsPreface: false, maxMessageSize: 64 << 20)))
                    return try NIOAsyncChannel<FrameDecoder.Event, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return channel
    }

    /// Sends the preface and SETTINGS, and reads the server's SETTINGS.
    func handshake(_ settings: Settings = .defaults) async throws -> Settings? {
        var buffer = ByteBuffer(bytes: ConnectionPreface.current.bytes)
        Frame.settings(settings).encode(into: &buffer)
        try await outbound.write(buffer)
        guard case .frame(.settings(let settings))? = try await next() else { return nil }
        return settings
    }

    func send(_ frames: Frame...) async throws {
        var buffer = ByteBuffer()
        for frame in frames { frame.encode(into: &buffer) }
        try await outbound.write(buffer)
    }

    func send(bytes: ByteBuffer) async throws {
        try await outbound.write(bytes)
    }

    /// The next frame from the server; nil once the connection is closed.
    func next() async throws -> FrameDecoder.Event? {
        do {
            return try await inbound.next()
        } catch {
            return nil
        }
    }

    /// The next frame that is not a window update or a PING.
    func nextSignificant() async throws -> Frame? {
        while let event = try await next() {
            switch event {
            case .frame(.windowUpdate), .frame(.ping): continue
            case .frame(let frame): return frame
            default: continue
            }
        }
        return nil
    }

    /// Every frame until the server closes the connection.
    func framesUntilClosed() async throws -> [Frame] {
        var frames: [Frame] = []
        while let event = try await next() {
            if case .frame(let frame) = event { frames.append(frame) }
        }
        return frames
    }

}

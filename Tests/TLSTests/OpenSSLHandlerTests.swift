import Logging
import NIOCore
import NIOPosix
import Synchronization
import TLS
import TestSupport
import Testing

/// The OpenSSL handler over real sockets on 127.0.0.1, with the dev PKI.
@Suite("TLS over memory BIOs", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct OpenSSLHandlerTests {
    static let logger = Logger(label: "tls-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Echoes plaintext back, and records the handshake result it saw.
    final class EchoHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let peers = Mutex<[String]>([])

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted(let result)? = event as? TLSEvent {
                peers.withLock { $0.append(result.peerCertificate?.uriSubjectAlternativeNames.first ?? "none") }
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.writeAndFlush(data, promise: nil)
        }
    }

    func startServer(echo: EchoHandler) async throws -> any Channel {
        let context = try TLSContext.server(
            certificateChain: DevPKI.serverCertificate, privateKey: DevPKI.serverKey,
            clientCA: DevPKI.caCertificate, crl: DevPKI.crl)
        return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(OpenSSLHandler(context: context, logger: Self.logger))
                    try channel.pipeline.syncOperations.addHandler(echo)
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// Connects with `client` credentials, sends `text`, and returns what comes back (or the error).
    func roundTrip(port: Int, client: String, text: String) async throws -> String {
        let context = try TLSContext.client(
            serverName: "localhost", trustedCA: DevPKI.caCertificate,
            certificateChain: DevPKI.path("\(client).crt"), privateKey: DevPKI.path("\(client).key"))
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(OpenSSLHandler(context: context, logger: Self.logger))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: text))
            var received = ""
            for try await buffer in inbound {
                received += String(buffer: buffer)
                if received.utf8.count >= text.utf8.count { break }
            }
            return received
        }
    }

    @Test func mutualTLSEchoCarriesTheClientIdentity() async throws {
        let echo = EchoHandler()
        let server = try await startServer(echo: echo)
        let port = try #require(server.localAddress?.port)
        let large = String(repeating: "0123456789", count: 50_000)
        #expect(try await roundTrip(port: port, client: "clients/tenant1-admin", text: "hello") == "hello")
        #expect(try await roundTrip(port: port, client: "clients/tenant2-ingest", text: large) == large)
        #expect(echo.peers.withLock { $0 } == [
            DevPKI.spiffeID(tenant: DevPKI.tenant1, kind: "user", id: "admin"),
            DevPKI.spiffeID(tenant: DevPKI.tenant2, kind: "service", id: "ingest"),
        ])
        try await server.close()
    }

    @Test(arguments: ["bad/expired", "bad/not-yet-valid", "bad/other-ca", "bad/revoked"])
    func serverRefusesBadClientCertificates(_ client: String) async throws {
        let echo = EchoHandler()
        let server = try await startServer(echo: echo)
        let port = try #require(server.localAddress?.port)
        await #expect(throws: (any Error).self) {
            _ = try await roundTrip(port: port, client: client, text: "hello")
        }
        // A good client is still served afterwards.
        #expect(try await roundTrip(port: port, client: "clients/tenant1-admin", text: "ok") == "ok")
        #expect(echo.peers.withLock { $0 }.count == 1)
        try await server.close()
    }
}

import NIOCore
import NIOPosix
import TLS

/// A client of the raw TLS echo: one connection, any number of requests in flight.
struct EchoClient: Sendable {
    let channel: any Channel

    static func connect(host: String, port: Int, tls: TLSContext) async throws -> EchoClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        OpenSSLHandler(context: tls, logger: .quiet),
                        ByteToMessageHandler(LengthPrefixDecoder()),
                        EchoClientHandler(),
                    ])
                }
            }
            .connect(host: host, port: port).get()
        return EchoClient(channel: channel)
    }

    /// Sends `body` and waits for its echo.
    func echo(_ body: [UInt8]) async throws -> ByteBuffer {
        let response = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.writeAndFlush(EchoRequest(body: ByteBuffer(bytes: body), response: response), promise: nil)
        return try await response.futureResult.get()
    }

    func close() async {
        try? await channel.close()
    }
}

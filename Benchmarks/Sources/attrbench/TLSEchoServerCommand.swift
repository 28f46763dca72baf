import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import TLS

/// The floor of the unary benchmark: attrd's own NIO + OpenSSL stack with the
/// same mutual TLS, echoing length-prefixed messages, with no RPC layer
/// (no frames, streams, metadata, protobuf or handlers).
struct TLSEchoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tls-echo-server", abstract: "Serve the raw TLS echo.")

    @Option(help: "Port on 127.0.0.1 (0: any free port).") var port = 0
    @Option(help: "Dev PKI directory (certs/dev).") var pki = "certs/dev"

    func run() async throws {
        let tls = try TLSContext.server(
            certificateChain: "\(pki)/server.crt", privateKey: "\(pki)/server.key", clientCA: "\(pki)/ca.crt")
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        OpenSSLHandler(context: tls, logger: .quiet),
                        ByteToMessageHandler(LengthPrefixDecoder()),
                        EchoServerHandler(),
                    ])
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        // Unbuffered: the bench script waits for this line.
        FileHandle.standardOutput.write(Data("listening on \(channel.localAddress?.port ?? port)\n".utf8))
        try await channel.closeFuture.get()
    }
}

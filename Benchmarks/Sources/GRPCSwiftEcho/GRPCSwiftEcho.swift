import ArgumentParser
import GRPCCore
import GRPCNIOTransportHTTP2Posix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A benchmark peer: `arpc.test.v1.TestService` (EmptyCall, UnaryCall,
/// StreamingOutputCall) on grpc-swift-2 over HTTP/2 with mutual TLS, the same
/// certificates as attrd. Prints `listening on PORT` once bound, then serves
/// until SIGTERM or SIGINT (docs/BENCHMARKS.md).
@main
struct GRPCSwiftEcho: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grpc-swift-echo",
        abstract: "arpc.test.v1.TestService on grpc-swift-2 (HTTP/2, mTLS), a benchmark peer.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port: Int

    @Option(help: "Server certificate chain (PEM).")
    var cert: String

    @Option(help: "Server private key (PEM).")
    var key: String

    @Option(help: "CA certificate(s) that client certificates must chain to (PEM).")
    var ca: String

    func run() async throws {
        // Mutual TLS: clients must present a certificate that chains to --ca
        // (NIOSSL fails the handshake when none is sent).
        let security = HTTP2ServerTransport.Posix.TransportSecurity.mTLS(
            certificateChain: [.file(path: cert, format: .pem)],
            privateKey: .file(path: key, format: .pem)
        ) { tls in
            tls.trustRoots = .certificates([.file(path: ca, format: .pem)])
            tls.clientCertificateVerification = .noHostnameVerification
        }
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: host, port: port),
            transportSecurity: security
        )
        let server = GRPCServer(transport: transport, services: [EchoTestService()])

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }

            let bound: SocketAddress.IPv4
            do {
                guard let address = try await server.listeningAddress?.ipv4 else {
                    throw ValidationError("the transport reported no IPv4 listening address")
                }
                bound = address
            } catch {
                // serve()'s own error names the cause (an unreadable file, a port in use).
                try await group.next()
                throw error
            }
            let signals = ShutdownSignals { server.beginGracefulShutdown() }
            print("listening on \(bound.port)")
            fflush(nil)  // all streams: the bench script waits for this line
            // serve() returns after the graceful shutdown; keep the handlers until then.
            group.addTask { await signals.waitUntilShutdown() }
            try await group.waitForAll()
        }
    }
}

import ArgumentParser
import Foundation
import Protos
import RPCClient
import RPCServer

/// Unary echo: EmptyCall (payload 0) or UnaryCall with the payload each way,
/// against attrd's interop service, or the same bytes through the raw TLS
/// echo (`--raw`), which has no RPC layer.
struct UnaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unary", abstract: "Unary echo calls.")

    @OptionGroup var server: ServerOptions
    @OptionGroup var load: LoadOptions
    @Option(help: "Request and response payload bytes (0: EmptyCall).") var payload = 0
    @Flag(help: "Talk to `attrbench tls-echo-server` (length-prefixed echo over TLS) instead of attrd.") var raw = false

    func run() async throws {
        let tls = try server.tlsContext()
        let tally: Tally
        if raw {
            let clients = try await (0..<load.connections).asyncMap { _ in
                try await EchoClient.connect(host: server.host, port: server.port, tls: tls)
            }
            let body = [UInt8](repeating: 0, count: payload)
            let executors = clients.map { EventLoopTaskExecutor($0.channel.eventLoop) }
            tally = await load.loop.run(executors: executors) { worker in
                _ = try await clients[worker % clients.count].echo(body)
                return 1
            }
            for client in clients { await client.close() }
        } else {
            let connections = ClientConnections(count: load.connections, server: server, tls: tls)
            let test = connections.clients.map(Arpc_Test_V1_TestServiceClient.init)
            var request = Arpc_Test_V1_SimpleRequest()
            request.responseSize = Int32(payload)
            request.payload.body = Data(count: payload)
            let unary = request
            tally = await load.loop.run(executors: connections.executors) { [payload] worker in
                let client = test[worker % test.count]
                if payload == 0 {
                    _ = try await client.emptyCall(Arpc_Test_V1_Empty())
                } else {
                    _ = try await client.unaryCall(unary)
                }
                return 1
            }
            await connections.close()
        }
        try load.print(BenchResult(label: load.label, scenario: "unary", options: load, payloadBytes: payload, tally: tally))
    }
}

import ArgumentParser
import Foundation
import Protos
import RPCClient

/// Server-streaming throughput: each call is one StreamingOutputCall asking
/// for `--stream-messages` responses of `--payload` bytes.
struct StreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stream", abstract: "Server-streaming throughput.")

    @OptionGroup var server: ServerOptions
    @OptionGroup var load: LoadOptions
    @Option(help: "Bytes per response message.") var payload = 1024
    @Option(help: "Responses per call.") var streamMessages = 1000

    func run() async throws {
        let tls = try server.tlsContext()
        let connections = ClientConnections(count: load.connections, server: server, tls: tls)
        let test = connections.clients.map(Arpc_Test_V1_TestServiceClient.init)
        var request = Arpc_Test_V1_StreamingOutputCallRequest()
        var parameters = Arpc_Test_V1_ResponseParameters()
        parameters.size = Int32(payload)
        request.responseParameters = Array(repeating: parameters, count: streamMessages)
        let streaming = request
        let tally = await load.loop.run(executors: connections.executors) { worker in
            try await test[worker % test.count].streamingOutputCall(streaming) { responses in
                try await responses.reduce(0) { count, _ in count + 1 }
            }
        }
        await connections.close()
        try load.print(BenchResult(label: load.label, scenario: "stream", options: load, payloadBytes: payload, tally: tally))
    }
}

import ArgumentParser
import Foundation
import Protos
import RPCClient

/// Server memory per idle mTLS connection: opens `--connections` connections
/// (each completes the handshake and one EmptyCall, so the server holds all
/// of its per-connection state), then reads the server's resident set.
struct IdleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idle", abstract: "Server RSS per idle mTLS connection.")

    struct Result: Codable {
        var label: String
        var scenario = "idle"
        var connections: Int
        var serverRssBeforeKib: Int
        var serverRssAfterKib: Int
        var kibPerConnection: Double
        var connectSeconds: Double
    }

    @OptionGroup var server: ServerOptions
    @Option(help: "Label of the result.") var label = "attrd"
    @Option(help: "Connections to hold.") var connections = 1000
    @Option(help: "Connections opened at once.") var parallel = 32
    @Option(help: "The server's pid (required: its RSS is the measurement).") var serverPID: Int
    @Option(help: "Seconds to let the server settle before each RSS reading.") var settle = 1.0

    func run() async throws {
        let tls = try server.tlsContext()
        let clients = (0..<connections).map { _ in
            Arpc_Test_V1_TestServiceClient(RPCClient(configuration: .init(host: server.host, port: server.port), tls: tls, logger: .quiet))
        }
        // One connection first, so that what every connection shares (buffers, pools) is already in the baseline.
        let baseline = Arpc_Test_V1_TestServiceClient(RPCClient(configuration: .init(host: server.host, port: server.port), tls: tls, logger: .quiet))
        _ = try await baseline.emptyCall(Arpc_Test_V1_Empty())
        try await Task.sleep(for: .seconds(settle))
        guard let before = ProcessStats.residentKiB(pid: serverPID) else { throw BenchFailure("no process \(serverPID)") }

        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, client) in clients.enumerated() {
                if index >= parallel { try await group.next() }
                group.addTask { _ = try await client.emptyCall(Arpc_Test_V1_Empty(), timeout: .seconds(60)) }
            }
            try await group.waitForAll()
        }
        let connectTime = ContinuousClock.now - started
        try await Task.sleep(for: .seconds(settle))
        guard let after = ProcessStats.residentKiB(pid: serverPID) else { throw BenchFailure("process \(serverPID) is gone") }

        let result = Result(
            label: label, connections: connections, serverRssBeforeKib: before, serverRssAfterKib: after,
            kibPerConnection: Double(after - before) / Double(connections),
            connectSeconds: Double(connectTime.components.seconds) + Double(connectTime.components.attoseconds) / 1e18)
        for client in clients { await client.client.close() }
        await baseline.client.close()
        print(try result.jsonLine())
    }
}

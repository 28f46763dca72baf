import ArgumentParser
import Protos
import RPCClient

/// Pixel events persisted per second through IngestPixelEvents: each call is
/// one batch of new events, acknowledged only after its transaction commits.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest throughput (events persisted per second).")

    @OptionGroup var server: ServerOptions
    @OptionGroup var load: LoadOptions
    @Option(help: "Events per call.") var batch = 100

    func run() async throws {
        let tls = try server.tlsContext()
        let connections = ClientConnections(count: load.connections, server: server, tls: tls)
        let ingest = connections.clients.map(Attribution_V1_IngestClient.init)
        let events = SyntheticEvents()
        let sequences = WorkerCounters(count: load.connections * load.concurrency)
        let tally = await load.loop.run(executors: connections.executors) { [batch] worker in
            let request = events.batch(worker: worker, sequence: sequences.next(worker), size: batch)
            let response = try await ingest[worker % ingest.count].ingestPixelEvents(request)
            guard response.rejected.isEmpty, response.duplicates == 0 else {
                throw BenchFailure("\(response.rejected.count) rejected, \(response.duplicates) duplicates: \(response.rejected.first?.reason ?? "")")
            }
            return Int(response.accepted)
        }
        await connections.close()
        try load.print(BenchResult(label: load.label, scenario: "ingest", options: load, payloadBytes: 0, batchSize: batch, tally: tally))
    }
}

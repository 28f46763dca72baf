import ArgumentParser
import Foundation
import Protos
import RPCClient

/// `attrctl demo seed`: loads the demo shop's data through the ingest RPCs,
/// into the tenant of the client certificate. Safe to repeat.
struct DemoSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a month of a demo shop's touchpoints, orders and pixel events into your tenant.",
        discussion: """
            The data is deterministic (seeded by date) and every record id names its day, so seeding again
            only adds what is new. Touchpoints go first, then orders (attributed as they arrive), then pixel events.
            """
    )

    @Option(help: "Days of data up to today (UTC), 1 to 90.")
    var days = 30

    @Option(help: "Records per request.")
    var batchSize = 500

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...90).contains(days) else { throw ValidationError("--days must be 1 to 90") }
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 10000") }
    }

    func run() async throws {
        let settings = try global.resolve(environment: ProcessInfo.processInfo.environment)
        let data = DemoDataset(days: days, now: Date())
        let client = try settings.makeClient()
        let ingest = Attribution_V1_IngestClient(client)
        let size = batchSize
        let result = await Result {
            [
                ("touchpoints", try await IngestRunner.run(TouchpointsKind.self, Self.indexed(data.touchpoints), batchSize: size, client: ingest)),
                ("orders", try await IngestRunner.run(OrdersKind.self, Self.indexed(data.orders), batchSize: size, client: ingest)),
                ("pixel events", try await IngestRunner.run(PixelEventsKind.self, Self.indexed(data.events), batchSize: size, client: ingest)),
            ]
        }
        await client.close()
        let outcomes = try result.get()
        for (noun, outcome) in outcomes {
            print(try IngestReport.render(outcome, noun: noun, format: settings.output.value))
        }
        if outcomes.contains(where: { !$0.1.rejected.isEmpty }) { throw ExitCode.failure }
    }

    static func indexed<T>(_ records: [T]) -> [(index: Int, record: T)] {
        records.enumerated().map { (index: $0.offset, record: $0.element) }
    }
}

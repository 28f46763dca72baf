import ArgumentParser
import Foundation
import Protos
import RPCClient

/// `attrctl demo seed`: loads the demo shop's data through the ingest RPCs,
/// into the tenant of the client certificate, with the demo influencers
/// (`DemoInfluencers`). Safe to repeat.
struct DemoSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a month of a demo shop's influencers, touchpoints, orders and pixel events into your tenant.",
        discussion: """
            The data is deterministic (seeded by date) and every record id names its day, so seeding again
            only adds what is new. Five influencers go first (created once, by name; this needs the admin role, \
            and without it they are skipped), and the seed waits until their matching rules are applied; then \
            touchpoints, then orders (attributed and matched to influencers as they arrive), then pixel events.
            """
    )

    @Option(parsing: .unconditional, help: "Days of data up to today (UTC), 1 to 90.")
    var days = 30

    @Option(parsing: .unconditional, help: "Most records per request, 1 to 10000.")
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
        let result = await Result { try await Self.seed(data, client: client, batchSize: batchSize, format: settings.output.value) }
        await client.close()
        let outcomes = try result.get()
        for (report, _) in outcomes { print(report) }
        if outcomes.contains(where: \.1) { throw ExitCode.failure }
    }

    /// The demo influencers first (waiting until their rules are applied, so
    /// orders are matched as they arrive), then touchpoints, orders and pixel
    /// events: each step's report, and whether any record was refused.
    static func seed(_ data: DemoDataset, client: RPCClient, batchSize: Int, format: OutputFormat) async throws -> [(String, Bool)] {
        let ingest = Attribution_V1_IngestClient(client)
        func seed<Kind: IngestKind>(_ kind: Kind.Type, _ records: [Kind.Record]) async throws -> (String, Bool) {
            let outcome = try await IngestRunner.run(kind, Self.indexed(records), batchSize: batchSize, client: ingest)
            return (try IngestReport.render(outcome, kind: kind, format: format), !outcome.rejected.isEmpty)
        }
        let influencers = try await DemoInfluencers.ensure(Attribution_V1_InfluencersClient(client))
        return [
            (try DemoInfluencers.report(influencers, format: format), false),
            try await seed(TouchpointsKind.self, data.touchpoints),
            try await seed(OrdersKind.self, data.orders),
            try await seed(PixelEventsKind.self, data.events),
        ]
    }

    static func indexed<T>(_ records: [T]) -> [(index: Int, record: T)] {
        records.enumerated().map { (index: $0.offset, record: $0.element) }
    }
}

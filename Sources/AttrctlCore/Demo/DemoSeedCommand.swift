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
            only adds what is new. Touchpoints go first, then orders (attributed as they arrive), then pixel \
            events, then five influencers on the demo's codes and campaigns (created once, by name; this needs the \
            admin role, and without it they are skipped): the seed waits, at most three minutes, until the \
            re-attribution job has matched the orders to them.
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

    /// Touchpoints, orders and pixel events, then the demo influencers: each
    /// step's report, and whether any record was refused. The influencers
    /// come last, and the seed waits (bounded) until the re-attribution job
    /// has matched the orders to them: the job covers the last
    /// `InfluencerRules.reattributedDays` (733) days, every day of the demo
    /// data (at most 90), so the result is the same as matching at ingest,
    /// while ingest stays as it was before influencers (on a first seed no
    /// rules exist yet; later seeds' new orders are matched as they arrive).
    static func seed(_ data: DemoDataset, client: RPCClient, batchSize: Int, format: OutputFormat) async throws -> [(String, Bool)] {
        let ingest = Attribution_V1_IngestClient(client)
        func seed<Kind: IngestKind>(_ kind: Kind.Type, _ records: [Kind.Record]) async throws -> (String, Bool) {
            let outcome = try await IngestRunner.run(kind, Self.indexed(records), batchSize: batchSize, client: ingest)
            return (try IngestReport.render(outcome, kind: kind, format: format), !outcome.rejected.isEmpty)
        }
        var reports = [
            try await seed(TouchpointsKind.self, data.touchpoints),
            try await seed(OrdersKind.self, data.orders),
            try await seed(PixelEventsKind.self, data.events),
        ]
        let influencers = try await DemoInfluencers.ensure(Attribution_V1_InfluencersClient(client))
        reports.append((try DemoInfluencers.report(influencers, format: format), false))
        return reports
    }

    static func indexed<T>(_ records: [T]) -> [(index: Int, record: T)] {
        records.enumerated().map { (index: $0.offset, record: $0.element) }
    }
}

import ArgumentParser
import Foundation
import Protos
import RPCClient

/// `attrctl ingest events|orders|touchpoints --file F`.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Send pixel events, orders or touchpoints to attrd.",
        discussion: """
            Records are attribution.v1 messages in the protobuf JSON mapping (see proto/attribution/v1/ingest.proto),
            as a JSON array or one per line (NDJSON). Each record is validated by attrd; the ones it refuses are
            listed by their position in the file, and attrctl then exits 1. Re-sending a file is safe: records
            are idempotent on their ids. A record whose id is already stored with other content is listed as a
            conflict: the stored (first) version stays.
            """,
        subcommands: [IngestEventsCommand.self, IngestOrdersCommand.self, IngestTouchpointsCommand.self]
    )

    /// Reads the file, sends it in batches, prints the outcome; exits 1 if any record was refused.
    static func run<Kind: IngestKind>(_ kind: Kind.Type, options: IngestOptions, global: GlobalOptions) async throws {
        let settings = try global.resolve(environment: ProcessInfo.processInfo.environment)
        let file = try RecordFile<Kind.Record>(path: options.file)
        let client = try settings.makeClient()
        let result = await Result {
            try await IngestRunner.run(kind, file.records, batchSize: options.batchSize, client: Attribution_V1_IngestClient(client))
        }
        await client.close()
        var outcome = try result.get()
        outcome.rejected += file.problems.map { .init(index: $0.index, field: $0.field, reason: $0.reason) }
        outcome.rejected.sort { $0.index < $1.index }
        print(try IngestReport.render(outcome, kind: Kind.self, format: settings.output.value))
        if !outcome.rejected.isEmpty { throw ExitCode.failure }
    }
}

struct IngestEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Ingest pixel events (attribution.v1.PixelEvent).")
    @OptionGroup var options: IngestOptions
    @OptionGroup var global: GlobalOptions
    func run() async throws { try await IngestCommand.run(PixelEventsKind.self, options: options, global: global) }
}

struct IngestOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "orders", abstract: "Record orders (attribution.v1.Order).")
    @OptionGroup var options: IngestOptions
    @OptionGroup var global: GlobalOptions
    func run() async throws { try await IngestCommand.run(OrdersKind.self, options: options, global: global) }
}

struct IngestTouchpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touchpoints", abstract: "Record touchpoints (attribution.v1.Touchpoint).")
    @OptionGroup var options: IngestOptions
    @OptionGroup var global: GlobalOptions
    func run() async throws { try await IngestCommand.run(TouchpointsKind.self, options: options, global: global) }
}

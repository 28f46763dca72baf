import ArgumentParser

/// The options every `attrctl ingest` subcommand shares.
struct IngestOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "JSON array or NDJSON file of records; - for standard input.")
    var file: String

    @Option(parsing: .unconditional, help: "Most records per request, 1 to 10000, at most the server's --ingest-max-batch (requests also stay under its message size limit).")
    var batchSize = 500

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 10000") }
    }
}

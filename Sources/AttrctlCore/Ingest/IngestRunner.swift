import Protos

/// Sends records in batches and maps each rejection back to the record's
/// position in the file. Batches go one after another, so that a failure
/// (e.g. UNAVAILABLE) stops at a known point: every batch before it was
/// committed, nothing after it was sent.
enum IngestRunner {
    static func run<Kind: IngestKind>(
        _ kind: Kind.Type, _ records: [(index: Int, record: Kind.Record)], batchSize: Int,
        client: Attribution_V1_IngestClient
    ) async throws -> IngestOutcome {
        var total = IngestOutcome()
        var start = 0
        while start < records.count {
            let slice = records[start..<min(start + batchSize, records.count)]
            let positions = slice.map(\.index)
            var outcome = try await Kind.send(slice.map(\.record), with: client)
            func inFile(_ rejection: IngestOutcome.Rejection) -> IngestOutcome.Rejection {
                var mapped = rejection
                mapped.index = positions.indices.contains(rejection.index) ? positions[rejection.index] : rejection.index
                return mapped
            }
            outcome.rejected = outcome.rejected.map(inFile)
            outcome.conflicts = outcome.conflicts.map(inFile)
            total.add(outcome)
            start += batchSize
        }
        return total
    }
}

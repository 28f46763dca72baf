import Protos
import RPCClient
import SwiftProtobuf
import Wire

/// Sends records in batches and maps each rejection back to the record's
/// position in the file. Batches go one after another, so that a failure
/// (e.g. UNAVAILABLE) stops at a known point: every batch before it was
/// committed, nothing after it was sent.
enum IngestRunner {
    /// Requests stay under the largest the server takes (its SETTINGS'
    /// MAX_MESSAGE_SIZE); records that cannot fit even alone are refused
    /// here, by their position, and never sent.
    static func run<Kind: IngestKind>(
        _ kind: Kind.Type, _ records: [(index: Int, record: Kind.Record)], batchSize: Int,
        client: Attribution_V1_IngestClient
    ) async throws -> IngestOutcome {
        let maxRequestBytes = Int(try await client.client.serverSettings().maxMessageSize)
        let sizes = try records.map { record -> Int in
            let bytes: [UInt8] = try record.record.serializedBytes()
            return bytes.count
        }
        let plan = IngestBatchPlan(sizes: sizes, maxCount: batchSize, maxBytes: maxRequestBytes)
        var total = IngestOutcome()
        total.rejected = plan.oversized.map { position in
            IngestOutcome.Rejection(
                index: records[position].index, field: "",
                reason: "is \(sizes[position]) bytes encoded; attrd takes requests of at most \(maxRequestBytes) bytes, so it was not sent")
        }
        for batch in plan.batches {
            let slice = records[batch]
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
        }
        return total
    }
}

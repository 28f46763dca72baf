import ServiceKit
import AttributionStore
import Logging
import Protos
import RPCServer
import Wire

extension IngestService {
    /// A batch must have 1 to `maximumBatch` records; otherwise nothing of it is stored.
    func checkBatch(_ count: Int, field: String) throws {
        guard count > 0 else { throw RPCError(code: .invalidArgument, message: "\(field): the batch is empty") }
        guard count <= configuration.maximumBatch else {
            throw RPCError(
                code: .invalidArgument,
                message: "\(field): \(count) records exceed the batch limit of \(configuration.maximumBatch); nothing was stored")
        }
    }

    /// The valid records, the request index of each, and the errors of the others.
    func validate<Input, Record>(
        _ inputs: [Input], firstIndex: Int = 0, _ convert: (Input) throws(FieldError) -> Record
    ) -> ([Record], [Int], [Attribution_V1_RecordError]) {
        var records: [Record] = []
        var positions: [Int] = []
        var rejected: [Attribution_V1_RecordError] = []
        for (offset, input) in inputs.enumerated() {
            do {
                records.append(try convert(input))
                positions.append(firstIndex + offset)
            } catch {
                rejected.append(Attribution_V1_RecordError(index: firstIndex + offset, error))
            }
        }
        return (records, positions, rejected)
    }

    func storeEvents(
        _ events: [Attribution_V1_PixelEvent], firstIndex: Int, context: ServerContext
    ) async throws -> Attribution_V1_IngestPixelEventsResponse {
        try checkBatch(events.count, field: "events")
        let (records, positions, rejected) = validate(events, firstIndex: firstIndex) { (event) throws(FieldError) in try event.record(now: now()) }
        var response = Attribution_V1_IngestPixelEventsResponse()
        response.rejected = rejected
        guard !records.isEmpty else { return response }
        do {
            let summary = try await store.ingestPixelEvents(records, tenantID: context.tenantID)
            response.accepted = Int32(summary.accepted)
            response.duplicates = Int32(summary.duplicates)
            response.conflicts = summary.conflicts.map {
                Attribution_V1_RecordError(index: positions[$0.index], $0, noun: "event", key: "platform, event_name and event_id")
            }
            log("pixel events", summary, rejected: rejected.count)
        } catch {
            throw StorageFailure.rpcError(error, operation: "IngestPixelEvents", logger: logger)
        }
        return response
    }

    func log(_ kind: String, _ summary: WriteSummary, rejected: Int) {
        logger.debug(
            "\(kind) stored",
            metadata: Logger.Metadata([
                .accepted: "\(summary.accepted)", .duplicates: "\(summary.duplicates)",
                .conflicts: "\(summary.conflicts.count)", .rejected: "\(rejected)",
                .reattributed: "\(summary.ordersReattributed)",
            ]))
    }
}

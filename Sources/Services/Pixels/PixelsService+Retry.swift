import ServiceKit
public import Protos
public import RPCServer
import AttributionStore
import Foundation
import SwiftProtobuf
import Wire

extension PixelsService {
    public func retryEvents(_ request: Attribution_V1_RetryEventsRequest, context: ServerContext) async throws -> Attribution_V1_RetryEventsResponse {
        let ids = try Self.retryIDs(request.ids)
        let budget = RetryBudget(deadline: context.deadline, now: .now)
        let tenant = context.tenantID
        let events: [UUID: DeliverableEvent]
        let targets: [String: PixelDestination]
        do {
            events = Dictionary(uniqueKeysWithValues: try await log.deliverable(ids, tenantID: tenant).map { ($0.row.id, $0) })
            // Secrets are opened only when something will be sent.
            let sending = events.values.contains { $0.row.deliveryStatus != "delivered" }
            targets = sending ? try await destinations.opened(tenantID: tenant) : [:]
        } catch is PixelDestinationStore.NoMasterKey {
            throw RPCError(
                code: .failedPrecondition,
                message: "attrd has no master key to open the destinations' secrets with (--master-key-file); nothing was sent")
        } catch {
            throw StorageFailure.rpcError(error, operation: "RetryEvents", logger: logger)
        }
        // This call's claim on the events it sends (PixelEventLog.claimForRetry).
        let claim = UUID()
        let results = await withTaskGroup(of: (Int, Attribution_V1_RetryResult).self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                let id = ids[index]
                group.addTask {
                    (index, await retry(id, events[id], targets: targets, claim: claim, budget: budget, tenantID: tenant))
                }
            }
            while next < min(ids.count, redelivery.concurrency) { start() }
            var results = [Attribution_V1_RetryResult](repeating: .init(), count: ids.count)
            for await (index, result) in group {
                results[index] = result
                if next < ids.count { start() }
            }
            return results
        }
        var response = Attribution_V1_RetryEventsResponse()
        response.results = results
        return response
    }

    /// 1 to 100 distinct UUIDs.
    static func retryIDs(_ texts: [String]) throws(FieldError) -> [UUID] {
        guard !texts.isEmpty else { throw FieldError("ids", "is required: 1 to 100 event ids") }
        guard texts.count <= 100 else { throw FieldError("ids", "has \(texts.count) ids; at most 100 per call") }
        var ids: [UUID] = []
        for (index, text) in texts.enumerated() {
            guard let id = UUID(uuidString: text) else { throw FieldError("ids[\(index)]", "is not a UUID") }
            guard !ids.contains(id) else { throw FieldError("ids[\(index)]", "repeats an earlier id") }
            ids.append(id)
        }
        return ids
    }
}

public import Protos
public import RPCServer
import AttributionStore
import Foundation
import SwiftProtobuf
import Wire

extension PixelsService {
    public func retryEvents(_ request: Attribution_V1_RetryEventsRequest, context: ServerContext) async throws -> Attribution_V1_RetryEventsResponse {
        let ids: [UUID]
        do {
            ids = try Self.retryIDs(request.ids)
        } catch {
            throw error.rpcError
        }
        let tenant = context.tenantID
        let events: [UUID: DeliverableEvent]
        let targets: [String: PixelDestination]
        do {
            events = Dictionary(uniqueKeysWithValues: try await log.deliverable(ids, tenantID: tenant).map { ($0.row.id, $0) })
            // Secrets are opened only when something will be sent.
            let sending = events.values.contains { $0.row.deliveryStatus != "delivered" }
            targets = sending ? try await destinations.opened(tenantID: tenant) : [:]
        } catch {
            throw StorageFailure.rpcError(error, operation: "RetryEvents", logger: logger)
        }
        let results = try await withThrowingTaskGroup(of: (Int, Attribution_V1_RetryResult).self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                group.addTask { (index, try await retry(ids[index], events[ids[index]], targets: targets, tenantID: tenant)) }
            }
            while next < min(ids.count, redelivery.concurrency) { start() }
            var results = [Attribution_V1_RetryResult](repeating: .init(), count: ids.count)
            for try await (index, result) in group {
                results[index] = result
                if next < ids.count { start() }
            }
            return results
        }
        var response = Attribution_V1_RetryEventsResponse()
        response.results = results
        return response
    }

    private func retry(
        _ id: UUID, _ event: DeliverableEvent?, targets: [String: PixelDestination], tenantID: UUID
    ) async throws -> Attribution_V1_RetryResult {
        var result = Attribution_V1_RetryResult()
        result.id = id.uuidString.lowercased()
        guard let event else {
            result.outcome = .notFound
            return result
        }
        guard event.row.deliveryStatus != "delivered" else {
            result.outcome = .alreadyDelivered
            result.attempts = Int32(clamping: event.row.deliveryAttempts)
            return result
        }
        let outcome = await redelivery.deliver(event, destination: targets[event.row.platform], logger: logger)
        let recorded: (attempts: Int, at: Date)?
        do {
            recorded = try await log.recordAttempt(
                id, delivered: outcome.delivered, errorType: outcome.errorType, error: outcome.message, tenantID: tenantID)
        } catch {
            throw StorageFailure.rpcError(error, operation: "RetryEvents", logger: logger)
        }
        guard let recorded else {
            // Delivered by a concurrent retry while this one ran.
            result.outcome = .alreadyDelivered
            return result
        }
        result.outcome = outcome.delivered ? .delivered : .failed
        result.errorType = .init(storedName: outcome.errorType)
        result.errorMessage = String((outcome.message ?? "").prefix(2000))
        result.attempts = Int32(clamping: recorded.attempts)
        result.attemptTime = Google_Protobuf_Timestamp(date: recorded.at)
        return result
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

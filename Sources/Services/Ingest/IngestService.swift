import ServiceKit
public import AttributionStore
public import Foundation
public import Logging
public import Protos
public import RPCServer
import Wire

/// attribution.v1.Ingest: validates each record, stores the valid ones of a
/// batch in one transaction, and reports the others by index (ingest.proto).
public struct IngestService: Attribution_V1_IngestHandler {
    public struct Configuration: Sendable {
        /// The most records one request (or one message of a stream) may carry.
        public var maximumBatch: Int

        public init(maximumBatch: Int) {
            precondition(maximumBatch > 0, "the batch limit must be positive")
            self.maximumBatch = maximumBatch
        }

        public static let defaults = Configuration(maximumBatch: 1000)
    }

    /// Orders and touchpoints may be backfilled up to this far into the past.
    static let maximumRecordAge: TimeInterval = 3650 * 86_400

    public let store: IngestStore
    public let configuration: Configuration
    public let logger: Logger
    let now: @Sendable () -> Date

    public init(
        store: IngestStore, configuration: Configuration = .defaults, logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    public func ingestPixelEvents(
        _ request: Attribution_V1_IngestPixelEventsRequest, context: ServerContext
    ) async throws -> Attribution_V1_IngestPixelEventsResponse {
        try await storeEvents(request.events, firstIndex: 0, context: context)
    }

    public func streamPixelEvents(
        _ requests: RequestStream<Attribution_V1_IngestPixelEventsRequest>, context: ServerContext
    ) async throws -> Attribution_V1_IngestPixelEventsResponse {
        var total = Attribution_V1_IngestPixelEventsResponse()
        var index = 0
        for try await request in requests {
            let batch = try await storeEvents(request.events, firstIndex: index, context: context)
            index += request.events.count
            total.accepted += batch.accepted
            total.duplicates += batch.duplicates
            total.rejected += batch.rejected
            total.conflicts += batch.conflicts
        }
        return total
    }

    public func recordOrders(
        _ request: Attribution_V1_RecordOrdersRequest, context: ServerContext
    ) async throws -> Attribution_V1_RecordOrdersResponse {
        try checkBatch(request.orders.count, field: "orders")
        let (records, positions, rejected) = validate(request.orders) { (order) throws(FieldError) in try order.record(now: now()) }
        var response = Attribution_V1_RecordOrdersResponse()
        response.rejected = rejected
        guard !records.isEmpty else { return response }
        do {
            let (summary, refused) = try await store.recordOrders(records, tenantID: context.tenantID)
            response.accepted = Int32(summary.accepted)
            response.duplicates = Int32(summary.duplicates)
            response.conflicts = summary.conflicts.map {
                Attribution_V1_RecordError(index: positions[$0.index], $0, noun: "order", key: "order_id")
            }
            for refusal in refused {
                response.rejected.append(Attribution_V1_RecordError(
                    index: positions[refusal.index], FieldError(refusal.field, refusal.reason)))
            }
            response.rejected.sort { $0.index < $1.index }
            log("orders", summary, rejected: response.rejected.count)
        } catch {
            throw StorageFailure.rpcError(error, operation: "RecordOrders", logger: logger)
        }
        return response
    }

    public func recordTouchpoints(
        _ request: Attribution_V1_RecordTouchpointsRequest, context: ServerContext
    ) async throws -> Attribution_V1_RecordTouchpointsResponse {
        try checkBatch(request.touchpoints.count, field: "touchpoints")
        let (records, positions, rejected) = validate(request.touchpoints) { (touch) throws(FieldError) in try touch.record(now: now()) }
        var response = Attribution_V1_RecordTouchpointsResponse()
        response.rejected = rejected
        guard !records.isEmpty else { return response }
        do {
            let summary = try await store.recordTouchpoints(records, tenantID: context.tenantID)
            response.accepted = Int32(summary.accepted)
            response.duplicates = Int32(summary.duplicates)
            response.ordersReattributed = Int32(summary.ordersReattributed)
            response.conflicts = summary.conflicts.map {
                Attribution_V1_RecordError(index: positions[$0.index], $0, noun: "touchpoint", key: "touchpoint_id")
            }
            log("touchpoints", summary, rejected: rejected.count)
        } catch {
            throw StorageFailure.rpcError(error, operation: "RecordTouchpoints", logger: logger)
        }
        return response
    }
}

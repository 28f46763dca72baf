import Protos
import SwiftProtobuf

/// One kind of record attrctl ingests, and the RPC that takes a batch of it.
protocol IngestKind {
    associatedtype Record: SwiftProtobuf.Message & Sendable
    associatedtype Response: SwiftProtobuf.Message
    /// The records' name in messages, e.g. "orders".
    static var noun: String { get }
    /// Sends one batch; indexes in the outcome are positions in `batch`.
    static func send(_ batch: [Record], with client: Attribution_V1_IngestClient) async throws -> IngestOutcome
    /// A whole file's outcome as the RPC's response message (indexes are positions in the file), for `-o json`.
    static func response(_ outcome: IngestOutcome) -> Response
}

enum PixelEventsKind: IngestKind {
    static let noun = "pixel events"
    static func send(_ batch: [Attribution_V1_PixelEvent], with client: Attribution_V1_IngestClient) async throws -> IngestOutcome {
        var request = Attribution_V1_IngestPixelEventsRequest()
        request.events = batch
        let response = try await client.ingestPixelEvents(request, timeout: .seconds(60))
        return IngestOutcome(
            accepted: Int(response.accepted), duplicates: Int(response.duplicates), rejected: response.rejected.map(\.rejection),
            conflicts: response.conflicts.map(\.rejection))
    }
    static func response(_ outcome: IngestOutcome) -> Attribution_V1_IngestPixelEventsResponse {
        .with {
            $0.accepted = Int32(clamping: outcome.accepted)
            $0.duplicates = Int32(clamping: outcome.duplicates)
            $0.rejected = outcome.rejected.map(\.recordError)
            $0.conflicts = outcome.conflicts.map(\.recordError)
        }
    }
}

enum OrdersKind: IngestKind {
    static let noun = "orders"
    static func send(_ batch: [Attribution_V1_Order], with client: Attribution_V1_IngestClient) async throws -> IngestOutcome {
        var request = Attribution_V1_RecordOrdersRequest()
        request.orders = batch
        let response = try await client.recordOrders(request, timeout: .seconds(60))
        return IngestOutcome(
            accepted: Int(response.accepted), duplicates: Int(response.duplicates), rejected: response.rejected.map(\.rejection),
            conflicts: response.conflicts.map(\.rejection))
    }
    static func response(_ outcome: IngestOutcome) -> Attribution_V1_RecordOrdersResponse {
        .with {
            $0.accepted = Int32(clamping: outcome.accepted)
            $0.duplicates = Int32(clamping: outcome.duplicates)
            $0.rejected = outcome.rejected.map(\.recordError)
            $0.conflicts = outcome.conflicts.map(\.recordError)
        }
    }
}

enum TouchpointsKind: IngestKind {
    static let noun = "touchpoints"
    static func send(_ batch: [Attribution_V1_Touchpoint], with client: Attribution_V1_IngestClient) async throws -> IngestOutcome {
        var request = Attribution_V1_RecordTouchpointsRequest()
        request.touchpoints = batch
        let response = try await client.recordTouchpoints(request, timeout: .seconds(60))
        return IngestOutcome(
            accepted: Int(response.accepted), duplicates: Int(response.duplicates), rejected: response.rejected.map(\.rejection),
            conflicts: response.conflicts.map(\.rejection),
            ordersReattributed: Int(response.ordersReattributed))
    }
    static func response(_ outcome: IngestOutcome) -> Attribution_V1_RecordTouchpointsResponse {
        .with {
            $0.accepted = Int32(clamping: outcome.accepted)
            $0.duplicates = Int32(clamping: outcome.duplicates)
            $0.rejected = outcome.rejected.map(\.recordError)
            $0.conflicts = outcome.conflicts.map(\.recordError)
            $0.ordersReattributed = Int32(clamping: outcome.ordersReattributed ?? 0)
        }
    }
}

extension IngestOutcome.Rejection {
    var recordError: Attribution_V1_RecordError {
        .with {
            $0.index = Int32(clamping: index)
            $0.field = field
            $0.reason = reason
        }
    }
}

extension Attribution_V1_RecordError {
    var rejection: IngestOutcome.Rejection {
        IngestOutcome.Rejection(index: Int(index), field: field, reason: reason)
    }
}

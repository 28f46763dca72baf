import Foundation
import Protos
import RPCClient
import TestSupport

/// Helpers for StreamEvents tests. A client cannot see when the server has
/// registered its stream, so a test proves the stream live by ingesting
/// probe events (ids `probe-N`) until the first one arrives; events after
/// that are guaranteed to reach it.
enum LiveStream {
    typealias Events = ResponseStream<Attribution_V1_StreamEventsResponse>.AsyncIterator

    /// Runs `firstArrived` (which waits for the stream's first event) while
    /// ingesting probes into `tenant` through `attrd`, one after another,
    /// until it returns. `orderPrefix` prefixes the probes' order ids.
    static func probing<Result: Sendable>(
        _ attrd: AttrdHarness, _ tenant: TestTenant, orderPrefix: String = "probe-order-",
        until firstArrived: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await attrd.withIngest(tenant) { ingest in
                    for n in 1...2000 where !Task.isCancelled {
                        var request = Attribution_V1_IngestPixelEventsRequest()
                        request.events = [Fixtures.event("probe-\(n)", orderID: "\(orderPrefix)\(n)")]
                        _ = try await ingest.ingestPixelEvents(request)
                    }
                }
            }
            defer { group.cancelAll() }
            return try await firstArrived()
        }
    }

    static func isProbe(_ event: Attribution_V1_PixelEventRecord) -> Bool { event.eventID.hasPrefix("probe-") }

    /// The next event that is not a probe; nil if the stream ended with OK.
    static func nextEvent(_ events: inout Events) async throws -> Attribution_V1_PixelEventRecord? {
        while let response = try await events.next() {
            if !isProbe(response.event) { return response.event }
        }
        return nil
    }

    /// An ingest request of `events`.
    static func batch(_ events: [Attribution_V1_PixelEvent]) -> Attribution_V1_IngestPixelEventsRequest {
        var request = Attribution_V1_IngestPixelEventsRequest()
        request.events = events
        return request
    }
}

import ServiceKit
import AttributionStore
public import Protos
public import RPCServer
import Wire

extension PixelsService {
    /// Streams the tenant's events stored from now on that pass the filters,
    /// until the client cancels, its deadline passes, the stream falls a
    /// whole buffer behind (RESOURCE_EXHAUSTED), the listener may have missed
    /// events or the server shuts down (UNAVAILABLE).
    public func streamEvents(
        _ request: Attribution_V1_StreamEventsRequest, responses: ResponseWriter<Attribution_V1_StreamEventsResponse>,
        context: ServerContext
    ) async throws {
        let filter = try PixelEventFilter(
            platform: request.platform, eventType: request.eventType, matchStatus: request.matchStatus,
            deliveryStatus: request.deliveryStatus, start: nil, end: nil, orderIDPrefix: request.orderIDPrefix)
        let subscription = try broadcaster.subscribe(
            tenantID: context.tenantID, filter: filter, capacity: configuration.streamBuffer)
        defer { broadcaster.unsubscribe(subscription) }
        do {
            while true {
                var response = Attribution_V1_StreamEventsResponse()
                response.event = Attribution_V1_PixelEventRecord(try await subscription.next())
                try await responses.write(response)
            }
        } catch let ending as PixelStreamEnding {
            throw ending.rpcError
        }
    }
}

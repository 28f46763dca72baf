import ArgumentParser
import Protos

/// The event filters `attrctl pixels events` and `pixels tail` share, as
/// ListEventsRequest and StreamEventsRequest fields.
struct PixelEventFilterOptions: ParsableArguments {
    @Option(help: "Only this platform: ga4, meta or tiktok.")
    var platform: String?

    @Option(name: [.customLong("type"), .customLong("event-type")], help: "Only this event type: purchase, add_to_cart, page_view or checkout.")
    var eventType: String?

    @Option(name: [.customLong("match"), .customLong("match-status")], help: "Only this match status: matched, partial or unmatched.")
    var matchStatus: String?

    @Option(
        name: [.customLong("delivery"), .customLong("delivery-status")],
        help: "Only this delivery status (for tail: as stored on arrival): delivered, failed or pending.")
    var deliveryStatus: String?

    @Option(name: [.customLong("order"), .customLong("order-id-prefix")], help: "Only events whose order id starts with this.")
    var orderIdPrefix: String?

    /// The filters as StreamEventsRequest fields; a value not in the lists is a ValidationError naming the flag.
    func streamRequest() throws(ValidationError) -> Attribution_V1_StreamEventsRequest {
        var request = Attribution_V1_StreamEventsRequest()
        request.platform = try EnumNames.filter(platform, "--platform")
        request.eventType = try EnumNames.filter(eventType, "--type")
        request.matchStatus = try EnumNames.filter(matchStatus, "--match")
        request.deliveryStatus = try EnumNames.filter(deliveryStatus, "--delivery")
        request.orderIDPrefix = orderIdPrefix ?? ""
        return request
    }

    /// The same filters set on a ListEventsRequest.
    func apply(to request: inout Attribution_V1_ListEventsRequest) throws(ValidationError) {
        let filters = try streamRequest()
        request.platform = filters.platform
        request.eventType = filters.eventType
        request.matchStatus = filters.matchStatus
        request.deliveryStatus = filters.deliveryStatus
        request.orderIDPrefix = filters.orderIDPrefix
    }
}

import ArgumentParser
import Protos

/// The filters of `attrctl pixels tail`, as StreamEventsRequest fields.
struct PixelStreamFilterOptions: ParsableArguments {
    @Option(help: "Only this platform: ga4, meta or tiktok.")
    var platform: String?

    @Option(help: "Only this event type: purchase, add_to_cart, page_view or checkout.")
    var eventType: String?

    @Option(help: "Only this match status: matched, partial or unmatched.")
    var matchStatus: String?

    @Option(help: "Only this delivery status (as stored on arrival): delivered, failed or pending.")
    var deliveryStatus: String?

    @Option(help: "Only events whose order id starts with this.")
    var orderIdPrefix: String?

    /// The request these filters make; a value not in the lists is a ValidationError naming the flag.
    func request() throws(ValidationError) -> Attribution_V1_StreamEventsRequest {
        var request = Attribution_V1_StreamEventsRequest()
        request.platform = try PixelNames.filter(platform, "--platform", PixelNames.platforms)
        request.eventType = try PixelNames.filter(eventType, "--event-type", PixelNames.eventTypes)
        request.matchStatus = try PixelNames.filter(matchStatus, "--match-status", PixelNames.matchStatuses)
        request.deliveryStatus = try PixelNames.filter(deliveryStatus, "--delivery-status", PixelNames.deliveryStatuses)
        request.orderIDPrefix = orderIdPrefix ?? ""
        return request
    }
}

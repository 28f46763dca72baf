import ArgumentParser
import Protos
import SwiftProtobuf

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
        request.platform = try Self.pick(platform, "--platform", ["ga4": .ga4, "meta": .meta, "tiktok": .tiktok])
        request.eventType = try Self.pick(
            eventType, "--event-type",
            ["purchase": .purchase, "add_to_cart": .addToCart, "page_view": .pageView, "checkout": .checkout])
        request.matchStatus = try Self.pick(
            matchStatus, "--match-status", ["matched": .matched, "partial": .partial, "unmatched": .unmatched])
        request.deliveryStatus = try Self.pick(
            deliveryStatus, "--delivery-status", ["delivered": .delivered, "failed": .failed, "pending": .pending])
        request.orderIDPrefix = orderIdPrefix ?? ""
        return request
    }

    private static func pick<Value>(
        _ text: String?, _ flag: String, _ values: KeyValuePairs<String, Value>
    ) throws(ValidationError) -> Value where Value: SwiftProtobuf.Enum {
        guard let text else { return Value() }  // UNSPECIFIED: any
        guard let value = values.first(where: { $0.key == text.lowercased() })?.value else {
            throw ValidationError("\(flag) must be one of \(values.map(\.key).joined(separator: ", "))")
        }
        return value
    }
}

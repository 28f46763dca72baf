import ArgumentParser
import Protos
import SwiftProtobuf

/// The names attrctl shows and accepts for the Pixels enums (lower-case, without the proto prefix).
enum PixelNames {
    static let platforms: [(String, Attribution_V1_PixelPlatform)] = [("ga4", .ga4), ("meta", .meta), ("tiktok", .tiktok)]
    static let eventTypes: [(String, Attribution_V1_PixelEventType)] = [
        ("purchase", .purchase), ("add_to_cart", .addToCart), ("page_view", .pageView), ("checkout", .checkout),
    ]
    static let matchStatuses: [(String, Attribution_V1_MatchStatus)] = [
        ("matched", .matched), ("partial", .partial), ("unmatched", .unmatched),
    ]
    static let deliveryStatuses: [(String, Attribution_V1_DeliveryStatus)] = [
        ("delivered", .delivered), ("failed", .failed), ("pending", .pending),
    ]
    static let errorTypes: [(String, Attribution_V1_DeliveryErrorType)] = [
        ("reported", .reported), ("authentication", .authentication), ("invalid_event", .invalidEvent),
        ("rate_limited", .rateLimited), ("platform_error", .platformError), ("network", .network),
    ]
    static let channels: [(String, Attribution_V1_AlertChannel)] = [("email", .email), ("slack", .slack), ("none", .unspecified)]
    static let issues: [(String, Attribution_V1_PixelIssue)] = [
        ("accuracy_below_threshold", .accuracyBelowThreshold), ("no_recent_events", .noRecentEvents),
        ("stitching_rate_dropped", .stitchingRateDropped), ("no_orders", .noOrders),
    ]
    static let alertDeliveryStatuses: [(String, Attribution_V1_AlertDeliveryStatus)] = [
        ("pending", .pending), ("sending", .sending), ("sent", .sent), ("failed", .failed),
    ]
    static let outcomes: [(String, Attribution_V1_RetryOutcome)] = [
        ("delivered", .delivered), ("failed", .failed), ("already_delivered", .alreadyDelivered), ("not_found", .notFound),
        ("in_progress", .inProgress), ("not_attempted", .notAttempted), ("not_recorded", .notRecorded),
    ]

    /// The name of `value` in `table`; "unspecified" (or the number of an unknown value) otherwise.
    static func name<Value: SwiftProtobuf.Enum>(_ value: Value, _ table: [(String, Value)]) -> String {
        if let name = table.first(where: { $0.1 == value })?.0 { return name }
        return value.rawValue == 0 ? "unspecified" : "\(value.rawValue)"
    }

    /// The value named `text` (case-insensitive) in `table`; otherwise a ValidationError naming `flag`.
    static func parse<Value>(_ text: String, _ flag: String, _ table: [(String, Value)]) throws(ValidationError) -> Value {
        guard let value = table.first(where: { $0.0 == text.lowercased() })?.1 else {
            throw ValidationError("\(flag) must be one of \(table.map(\.0).joined(separator: ", "))")
        }
        return value
    }

    /// As `parse`, with nil (the flag not given) as the zero value: UNSPECIFIED, matching all.
    static func filter<Value: SwiftProtobuf.Enum>(
        _ text: String?, _ flag: String, _ table: [(String, Value)]
    ) throws(ValidationError) -> Value {
        guard let text else { return Value() }
        return try parse(text, flag, table)
    }
}

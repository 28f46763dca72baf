import Foundation
import Protos
import SwiftProtobuf

/// One streamed event as `attrctl pixels tail` prints it: a readable line,
/// or one JSON object (the protobuf JSON mapping of PixelEventRecord) per line.
enum PixelEventLine {
    static func render(_ event: Attribution_V1_PixelEventRecord, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try event.jsonString()
        case .table:
            var fields = [
                Self.time(event.receiveTime), Self.name(event.platform), Self.name(event.eventType), event.eventName,
                "id=\(event.eventID)",
            ]
            if !event.orderID.isEmpty { fields.append("order=\(event.orderID)") }
            if event.hasValue { fields.append("value=\(event.value.amountMinor) \(event.value.currencyCode)") }
            fields += [Self.name(event.matchStatus), Self.name(event.deliveryStatus)]
            if !event.errorMessage.isEmpty { fields.append("error=\(event.errorMessage)") }
            return fields.joined(separator: "  ")
        }
    }

    private static func time(_ timestamp: Google_Protobuf_Timestamp) -> String {
        timestamp.date.formatted(.iso8601)
    }

    private static func name(_ platform: Attribution_V1_PixelPlatform) -> String {
        switch platform {
        case .ga4: "ga4"
        case .meta: "meta"
        case .tiktok: "tiktok"
        default: "unspecified"
        }
    }

    private static func name(_ type: Attribution_V1_PixelEventType) -> String {
        switch type {
        case .purchase: "purchase"
        case .addToCart: "add_to_cart"
        case .pageView: "page_view"
        case .checkout: "checkout"
        default: "unspecified"
        }
    }

    private static func name(_ status: Attribution_V1_MatchStatus) -> String {
        switch status {
        case .matched: "matched"
        case .partial: "partial"
        case .unmatched: "unmatched"
        default: "unspecified"
        }
    }

    private static func name(_ status: Attribution_V1_DeliveryStatus) -> String {
        switch status {
        case .delivered: "delivered"
        case .failed: "failed"
        case .pending: "pending"
        default: "unspecified"
        }
    }
}

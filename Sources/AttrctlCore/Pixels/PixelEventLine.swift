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
        PixelFormat.time(timestamp)
    }

    private static func name(_ platform: Attribution_V1_PixelPlatform) -> String { PixelNames.name(platform, PixelNames.platforms) }
    private static func name(_ type: Attribution_V1_PixelEventType) -> String { PixelNames.name(type, PixelNames.eventTypes) }
    private static func name(_ status: Attribution_V1_MatchStatus) -> String { PixelNames.name(status, PixelNames.matchStatuses) }
    private static func name(_ status: Attribution_V1_DeliveryStatus) -> String { PixelNames.name(status, PixelNames.deliveryStatuses) }
}

import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension PixelEventFilter {
    /// The filters of ListEvents / StreamEvents, validated.
    init(
        platform: Attribution_V1_PixelPlatform, eventType: Attribution_V1_PixelEventType,
        matchStatus: Attribution_V1_MatchStatus, deliveryStatus: Attribution_V1_DeliveryStatus,
        start: Google_Protobuf_Timestamp?, end: Google_Protobuf_Timestamp?, orderIDPrefix: String
    ) throws(FieldError) {
        guard platform.rawValue >= 0, platform.rawValue <= 3 else { throw FieldError("platform", "is not a known platform") }
        guard eventType.rawValue >= 0, eventType.rawValue <= 4 else { throw FieldError("event_type", "is not a known event type") }
        guard matchStatus.rawValue >= 0, matchStatus.rawValue <= 3 else { throw FieldError("match_status", "is not a known match status") }
        guard deliveryStatus.rawValue >= 0, deliveryStatus.rawValue <= 3 else {
            throw FieldError("delivery_status", "is not a known delivery status")
        }
        guard orderIDPrefix.count <= 200 else { throw FieldError("order_id_prefix", "is longer than 200 characters") }
        let startDate = start?.date
        let endDate = end?.date
        if let startDate, let endDate, startDate >= endDate {
            throw FieldError("end_time", "must be after start_time")
        }
        self.init(
            platform: platform.storedName, eventType: eventType.storedName, matchStatus: matchStatus.storedName,
            deliveryStatus: deliveryStatus.storedName, start: startDate, end: endDate,
            orderIDPrefix: orderIDPrefix.isEmpty ? nil : orderIDPrefix)
    }

    /// A fingerprint of the filters, for page tokens.
    var fingerprint: String {
        [platform, eventType, matchStatus, deliveryStatus, start.map { "\($0.timeIntervalSince1970)" },
         end.map { "\($0.timeIntervalSince1970)" }, orderIDPrefix].map { $0 ?? "-" }.joined(separator: "|")
    }
}

import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension Attribution_V1_PixelEventRecord {
    init(_ row: PixelEventRow) {
        self.init()
        id = row.id.uuidString.lowercased()
        platform = .init(storedName: row.platform)
        eventType = .init(storedName: row.eventType)
        eventName = row.eventName
        eventID = row.eventID
        eventTime = Google_Protobuf_Timestamp(date: row.eventTime)
        receiveTime = Google_Protobuf_Timestamp(date: row.receivedAt)
        orderID = row.orderID ?? ""
        sessionID = row.sessionID ?? ""
        matchStatus = .init(storedName: row.matchStatus)
        deliveryStatus = .init(storedName: row.deliveryStatus)
        errorMessage = row.deliveryError ?? ""
        deliveryAttempts = Int32(clamping: row.deliveryAttempts)
        if let last = row.lastAttemptAt { lastAttemptTime = Google_Protobuf_Timestamp(date: last) }
        if let minor = row.valueMinor, let currency = row.currency {
            value.amountMinor = minor
            value.currencyCode = currency
        }
        matchKeys = row.matchKeyNames
    }
}

extension Attribution_V1_PixelPlatform {
    init(storedName: String) {
        self = switch storedName {
        case "ga4": .ga4
        case "meta": .meta
        case "tiktok": .tiktok
        default: .unspecified
        }
    }
}

extension Attribution_V1_PixelEventType {
    init(storedName: String) {
        self = switch storedName {
        case "purchase": .purchase
        case "add_to_cart": .addToCart
        case "page_view": .pageView
        case "checkout": .checkout
        default: .unspecified
        }
    }
}

extension Attribution_V1_MatchStatus {
    init(storedName: String) {
        self = switch storedName {
        case "matched": .matched
        case "partial": .partial
        case "unmatched": .unmatched
        default: .unspecified
        }
    }

    /// The stored name; nil for unspecified (any).
    var storedName: String? {
        switch self {
        case .matched: "matched"
        case .partial: "partial"
        case .unmatched: "unmatched"
        default: nil
        }
    }
}

extension Attribution_V1_DeliveryStatus {
    init(storedName: String) {
        self = switch storedName {
        case "delivered": .delivered
        case "failed": .failed
        case "pending": .pending
        default: .unspecified
        }
    }

    /// The stored name for a filter; nil for unspecified (any).
    var filterName: String? {
        switch self {
        case .delivered: "delivered"
        case .failed: "failed"
        case .pending: "pending"
        default: nil
        }
    }
}

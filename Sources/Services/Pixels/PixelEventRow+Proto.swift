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

import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension Attribution_V1_AlertEvent {
    init(_ record: PixelAlertRecord) {
        self.init()
        id = record.id.uuidString.lowercased()
        platform = .init(storedName: record.platform)
        accuracyPercent = NSDecimalNumber(decimal: record.accuracyPercent).doubleValue
        thresholdPercent = Int32(clamping: record.thresholdPercent)
        windowEnd = Google_Protobuf_Timestamp(date: record.windowEnd)
        channel = .init(storedName: record.channel)
        targets = record.targets
        deliveredTargets = record.deliveredTargets
        deliveryStatus = .init(storedName: record.deliveryStatus)
        attempts = Int32(clamping: record.attempts)
        lastError = record.deliveryError ?? ""
        createTime = Google_Protobuf_Timestamp(date: record.createdAt)
        if let last = record.lastAttemptAt { lastAttemptTime = Google_Protobuf_Timestamp(date: last) }
        if let sent = record.sentAt { sentTime = Google_Protobuf_Timestamp(date: sent) }
        if deliveryStatus == .pending { nextAttemptTime = Google_Protobuf_Timestamp(date: record.nextAttemptAt) }
    }
}

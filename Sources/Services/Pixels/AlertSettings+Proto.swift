import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension Attribution_V1_AlertConfig {
    init(_ settings: AlertSettings) {
        self.init()
        platforms = Attribution_V1_PixelPlatform.storedNames.map { platform, name in
            var entry = Attribution_V1_PlatformAlertConfig()
            entry.platform = platform
            entry.enabled = settings.platform(name).enabled
            entry.accuracyThresholdPercent = Int32(settings.platform(name).thresholdPercent)
            return entry
        }
        channel = .init(storedName: settings.channel)
        emailRecipients = settings.emailRecipients
        slackChannels = settings.slackChannels
        if let updated = settings.updatedAt { updateTime = Google_Protobuf_Timestamp(date: updated) }
    }
}

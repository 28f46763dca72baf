import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension Attribution_V1_AlertConfig {
    init(_ settings: AlertSettings) {
        self.init()
        platforms = AlertSettings.platformNames.map { name in
            var entry = Attribution_V1_PlatformAlertConfig()
            entry.platform = .init(storedName: name)
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

extension Attribution_V1_AlertChannel {
    init(storedName: String?) {
        self = switch storedName {
        case "email": .email
        case "slack": .slack
        default: .unspecified
        }
    }
}

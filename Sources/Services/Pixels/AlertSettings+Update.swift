import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

/// UpdateAlertConfig's rules: which paths may change, and what a valid
/// configuration is (pixels.proto, AlertConfig).
enum AlertConfigUpdate {
    static let mask = FieldMaskUpdate<Attribution_V1_AlertConfig, AlertSettings>([
        .init("platforms", apply: applyPlatforms),
        .init("channel") { config, settings throws(FieldError) in
            guard config.channel == .unspecified || config.channel.storedName != nil else {
                throw FieldError("alert_config.channel", "is not a known channel")
            }
            settings.channel = config.channel.storedName
        },
        .init("email_recipients") { config, settings throws(FieldError) in
            settings.emailRecipients = try Validate.list(
                config.emailRecipients, "alert_config.email_recipients", maximum: 20, noun: "addresses", element: Validate.email)
        },
        .init("slack_channels") { config, settings throws(FieldError) in
            settings.slackChannels = try Validate.list(
                config.slackChannels, "alert_config.slack_channels", maximum: 10, noun: "channels", element: Validate.slackChannel)
        },
    ])

    /// Applies the selected fields of `config` to `settings`, then checks the whole result.
    static func apply(
        _ config: Attribution_V1_AlertConfig, _ selection: FieldMaskUpdate<Attribution_V1_AlertConfig, AlertSettings>.Selection,
        to settings: inout AlertSettings
    ) throws(FieldError) {
        try selection.apply(config, to: &settings)
        try checkTargets(settings)
    }

    /// Each listed platform replaces its stored entry; the others keep theirs.
    @Sendable static func applyPlatforms(_ config: Attribution_V1_AlertConfig, _ settings: inout AlertSettings) throws(FieldError) {
        var seen: Set<String> = []
        for (index, entry) in config.platforms.enumerated() {
            guard let name = entry.platform.storedName else {
                throw FieldError("alert_config.platforms[\(index)].platform", "is required (GA4, META or TIKTOK)")
            }
            guard seen.insert(name).inserted else { throw FieldError("alert_config.platforms[\(index)].platform", "is listed twice") }
            guard (0...100).contains(entry.accuracyThresholdPercent) else {
                throw FieldError("alert_config.platforms[\(index)].accuracy_threshold_percent", "must be 0 to 100")
            }
            settings.platforms[name] = .init(enabled: entry.enabled, thresholdPercent: Int(entry.accuracyThresholdPercent))
        }
    }

    /// An enabled alert needs a channel with at least one target.
    static func checkTargets(_ settings: AlertSettings) throws(FieldError) {
        guard settings.platforms.values.contains(where: \.enabled) else { return }
        switch settings.channel {
        case Attribution_V1_AlertChannel.email.storedName where settings.emailRecipients.isEmpty:
            throw FieldError("alert_config.email_recipients", "needs at least one address while an alert is enabled on email")
        case Attribution_V1_AlertChannel.slack.storedName where settings.slackChannels.isEmpty:
            throw FieldError("alert_config.slack_channels", "needs at least one channel while an alert is enabled on Slack")
        case nil:
            throw FieldError("alert_config.channel", "is required while an alert is enabled")
        default:
            return
        }
    }
}

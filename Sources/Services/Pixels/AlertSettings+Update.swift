import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

/// UpdateAlertConfig's rules: which paths may change, and what a valid
/// configuration is (pixels.proto, AlertConfig).
enum AlertConfigUpdate {
    static let paths: Set<String> = ["platforms", "channel", "email_recipients", "slack_channels"]

    /// The mask's paths, checked before anything is read.
    static func paths(_ mask: Google_Protobuf_FieldMask?) throws(FieldError) -> [String] {
        guard let mask, !mask.paths.isEmpty else { throw FieldError("update_mask", "is required and must name at least one field") }
        for path in mask.paths where !paths.contains(path) {
            throw FieldError("update_mask", "'\(path.prefix(100))' is not updatable (use platforms, channel, email_recipients, slack_channels)")
        }
        return mask.paths
    }

    /// Applies the masked fields of `config` to `settings`, then checks the whole result.
    static func apply(_ config: Attribution_V1_AlertConfig, paths: [String], to settings: inout AlertSettings) throws(FieldError) {
        if paths.contains("platforms") {
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
        if paths.contains("channel") {
            switch config.channel {
            case .unspecified: settings.channel = nil
            case .email: settings.channel = "email"
            case .slack: settings.channel = "slack"
            default: throw FieldError("alert_config.channel", "is not a known channel")
            }
        }
        if paths.contains("email_recipients") {
            guard config.emailRecipients.count <= 20 else { throw FieldError("alert_config.email_recipients", "has more than 20 addresses") }
            settings.emailRecipients = try config.emailRecipients.enumerated().map { index, address throws(FieldError) in
                try email(address, field: "alert_config.email_recipients[\(index)]")
            }
        }
        if paths.contains("slack_channels") {
            guard config.slackChannels.count <= 10 else { throw FieldError("alert_config.slack_channels", "has more than 10 channels") }
            settings.slackChannels = try config.slackChannels.enumerated().map { index, channel throws(FieldError) in
                try slackChannel(channel, field: "alert_config.slack_channels[\(index)]")
            }
        }
        try checkTargets(settings)
    }

    /// An enabled alert needs a channel with at least one target.
    static func checkTargets(_ settings: AlertSettings) throws(FieldError) {
        guard settings.platforms.values.contains(where: \.enabled) else { return }
        switch settings.channel {
        case "email" where settings.emailRecipients.isEmpty:
            throw FieldError("alert_config.email_recipients", "needs at least one address while an alert is enabled on email")
        case "slack" where settings.slackChannels.isEmpty:
            throw FieldError("alert_config.slack_channels", "needs at least one channel while an alert is enabled on Slack")
        case nil:
            throw FieldError("alert_config.channel", "is required while an alert is enabled")
        default:
            return
        }
    }

    static func email(_ text: String, field: String) throws(FieldError) -> String {
        let address = text.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !address.contains(where: \.isWhitespace)
        else { throw FieldError(field, "is not an email address") }
        return address
    }

    static func slackChannel(_ text: String, field: String) throws(FieldError) -> String {
        let name = text.dropFirst()
        guard text.hasPrefix("#"), (1...80).contains(name.count),
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { throw FieldError(field, "is not a Slack channel (# then 1 to 80 of a-z, 0-9, - and _)") }
        return text
    }
}

public import Foundation

/// A tenant's accuracy alerts: per platform a switch and a threshold, and
/// one channel with its targets.
public struct AlertSettings: Sendable, Equatable {
    public struct Platform: Sendable, Equatable {
        public var enabled: Bool
        /// 0 to 100; 0 never alerts.
        public var thresholdPercent: Int

        public init(enabled: Bool, thresholdPercent: Int) {
            self.enabled = enabled
            self.thresholdPercent = thresholdPercent
        }
    }

    /// By stored platform name (`ga4`, `meta`, `tiktok`).
    public var platforms: [String: Platform]
    /// `email`, `slack`, or nil (alerts recorded, not sent).
    public var channel: String?
    public var emailRecipients: [String]
    public var slackChannels: [String]
    /// nil when never saved.
    public var updatedAt: Date?

    public static let platformNames = ["ga4", "meta", "tiktok"]
    public static let defaultThreshold = 90

    /// What a tenant that never saved alerts has: every platform off at 90%.
    public static let defaults = AlertSettings(
        platforms: Dictionary(uniqueKeysWithValues: platformNames.map { ($0, Platform(enabled: false, thresholdPercent: defaultThreshold)) }),
        channel: nil, emailRecipients: [], slackChannels: [], updatedAt: nil)

    public init(platforms: [String: Platform], channel: String?, emailRecipients: [String], slackChannels: [String], updatedAt: Date?) {
        self.platforms = platforms
        self.channel = channel
        self.emailRecipients = emailRecipients
        self.slackChannels = slackChannels
        self.updatedAt = updatedAt
    }

    public func platform(_ name: String) -> Platform {
        platforms[name] ?? Platform(enabled: false, thresholdPercent: Self.defaultThreshold)
    }
}

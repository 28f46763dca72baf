public import LayeredConfig
import ServiceKit

/// The Pixels module's settings: the live stream, GetStats' thresholds, the
/// alert evaluation's interval, and where redeliveries and alerts go.
public enum PixelsSettings {
    public static let streamBuffer = Setting.integer(
        .attrd("pixel-stream-buffer"), default: PixelsService.Configuration.defaults.streamBuffer, in: 1...100_000,
        help: "undelivered events one `Pixels.StreamEvents` call may hold before it ends with RESOURCE_EXHAUSTED")
    public static let noEventsHours = Setting.integer(
        .attrd("pixel-no-events-hours"), default: PixelsService.Configuration.defaults.noEventsHours, in: 1...168,
        help: "`Pixels.GetStats` raises `no_recent_events` after this many hours without an event of the platform")
    public static let stitchingDropPoints = Setting.decimal(
        .attrd("pixel-stitching-drop-points"), default: PixelsService.Configuration.defaults.stitchingDropPoints,
        in: 0...100, help: "`Pixels.GetStats` raises `stitching_rate_dropped` when the stitching rate fell by more than this many points from the previous 24 h")
    public static let alertInterval = Setting.integer(
        .attrd("pixel-alert-interval"), default: 300, in: 0...86_400,
        help: "seconds between evaluations of each tenant's pixel alerts (a job per tenant with alerts on); 0: this replica runs none of them")

    public static let metaURL = Setting(
        .attrd("meta-capi-url"), default: PlatformEndpoints.defaults.meta,
        help: "Meta Graph API (v21.0) base URL, where `Pixels.RetryEvents` delivers", parse: ValueParsers.baseURL)
    public static let tiktokURL = Setting(
        .attrd("tiktok-events-url"), default: PlatformEndpoints.defaults.tiktok,
        help: "TikTok Business API (v1.3) base URL, where `Pixels.RetryEvents` delivers", parse: ValueParsers.baseURL)
    public static let ga4URL = Setting(
        .attrd("ga4-mp-url"), default: PlatformEndpoints.defaults.ga4,
        help: "GA4 Measurement Protocol base URL, where `Pixels.RetryEvents` delivers", parse: ValueParsers.baseURL)

    public static let smtpURL = Setting.optional(
        .attrd("smtp-url"), allowed: "`smtps://HOST:465`, or `smtp://HOST:587` with STARTTLS",
        help: "mail server for pixel alerts; without it email alerts stay pending"
    ) { (text: String) throws(InvalidValue) in
        guard text.hasPrefix("smtp://") || text.hasPrefix("smtps://") else { throw InvalidValue("expected smtp:// or smtps://") }
        return text
    }
    public static let smtpFrom = Setting(
        .attrd("smtp-from"), default: "attrd@localhost", help: "From address of pixel alert emails"
    ) { (text: String) throws(InvalidValue) in
        guard text.split(separator: "@").count == 2, !text.contains(where: \.isWhitespace) else {
            throw InvalidValue("expected an email address")
        }
        return text
    }
    public static let smtpUsername = Setting.optional(
        .attrd("smtp-username"), environmentOnly: true, help: "SMTP AUTH user name for `--smtp-url`", parse: ValueParsers.nonEmpty)
    public static let smtpPassword = Setting.optional(
        .attrd("smtp-password"), environmentOnly: true, help: "SMTP AUTH password for `--smtp-url`", parse: ValueParsers.nonEmpty)
    public static let slackAPIURL = Setting(
        .attrd("slack-api-url"), default: "https://slack.com/api", help: "Slack Web API base URL",
        parse: ValueParsers.baseURL)
    public static let slackBotToken = Setting.optional(
        .attrd("slack-bot-token"), environmentOnly: true,
        help: "Slack bot token for pixel alerts; without it Slack alerts stay pending", parse: ValueParsers.nonEmpty)

    static let all: [any SettingDeclaration] = [
        streamBuffer, noEventsHours, stitchingDropPoints, alertInterval, metaURL, tiktokURL, ga4URL,
        smtpURL, smtpFrom, smtpUsername, smtpPassword, slackAPIURL, slackBotToken,
    ]
}

public import ArgumentParser
import LayeredConfig

/// Outbound options: an @OptionGroup of `AttrdOptions`.
public struct AttrdOutboundOptions: ParsableArguments {
    @Option(help: "Meta Conversions API base URL (env: ATTRD_META_CAPI_URL; default https://graph.facebook.com/v21.0).")
    public var metaCapiURL: String?

    @Option(help: "TikTok Events API base URL (env: ATTRD_TIKTOK_EVENTS_URL; default https://business-api.tiktok.com/open_api/v1.3).")
    public var tiktokEventsURL: String?

    @Option(help: "GA4 Measurement Protocol base URL (env: ATTRD_GA4_MP_URL; default https://www.google-analytics.com).")
    public var ga4MpURL: String?

    @Option(help: "CA bundle (PEM) for outbound HTTPS instead of the system's (env: ATTRD_OUTBOUND_CA_FILE).")
    public var outboundCAFile: String?

    @Option(help: "SMTP server for alert emails, smtps://HOST:465 or smtp://HOST:587 (env: ATTRD_SMTP_URL; credentials from ATTRD_SMTP_USERNAME/ATTRD_SMTP_PASSWORD).")
    public var smtpURL: String?

    @Option(help: "From address of alert emails (env: ATTRD_SMTP_FROM; default attrd@localhost).")
    public var smtpFrom: String?

    @Option(help: "Slack Web API base URL (env: ATTRD_SLACK_API_URL; default https://slack.com/api; token from ATTRD_SLACK_BOT_TOKEN).")
    public var slackAPIURL: String?

    @Option(name: .customLong("snapchat-oauth-url"), help: "Snapchat OAuth base URL, authorization and token (env: ATTRD_SNAPCHAT_OAUTH_URL; default https://accounts.snapchat.com).")
    public var snapchatOAuthURL: String?

    @Option(name: .customLong("pinterest-oauth-url"), help: "Pinterest OAuth authorization base URL (env: ATTRD_PINTEREST_OAUTH_URL; default https://www.pinterest.com).")
    public var pinterestOAuthURL: String?

    @Option(name: .customLong("pinterest-api-url"), help: "Pinterest API base URL, token endpoint included (env: ATTRD_PINTEREST_API_URL; default https://api.pinterest.com).")
    public var pinterestAPIURL: String?

    @Option(name: .customLong("linkedin-oauth-url"), help: "LinkedIn OAuth base URL, authorization and token (env: ATTRD_LINKEDIN_OAUTH_URL; default https://www.linkedin.com).")
    public var linkedinOAuthURL: String?

    public init() {}

    var flags: [String: String] {
        let keys = AttrdConfiguration.Keys.self
        let pairs: [(ConfigKey, String?)] = [
            (keys.metaBaseURL, metaCapiURL), (keys.tiktokBaseURL, tiktokEventsURL), (keys.ga4BaseURL, ga4MpURL),
            (keys.outboundCAFile, outboundCAFile), (keys.smtpURL, smtpURL), (keys.smtpFrom, smtpFrom),
            (keys.slackAPIURL, slackAPIURL), (keys.snapchatOAuthURL, snapchatOAuthURL),
            (keys.pinterestOAuthURL, pinterestOAuthURL), (keys.pinterestAPIURL, pinterestAPIURL),
            (keys.linkedInOAuthURL, linkedinOAuthURL),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key.flag, $0) } })
    }
}

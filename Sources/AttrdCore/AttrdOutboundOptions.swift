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

    public init() {}

    var flags: [String: String] {
        let keys = AttrdConfiguration.Keys.self
        let pairs: [(ConfigKey, String?)] = [
            (keys.metaBaseURL, metaCapiURL), (keys.tiktokBaseURL, tiktokEventsURL), (keys.ga4BaseURL, ga4MpURL),
            (keys.outboundCAFile, outboundCAFile),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key.flag, $0) } })
    }
}

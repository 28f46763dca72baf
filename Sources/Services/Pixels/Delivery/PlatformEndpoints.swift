/// The platforms' base URLs: the real ones by default; configuration (and
/// tests) point them elsewhere.
public struct PlatformEndpoints: Sendable, Hashable {
    /// Meta Graph API (Conversions API: `POST {base}/{pixel_id}/events`).
    public var meta: String
    /// TikTok Business API (Events API: `POST {base}/event/track/`).
    public var tiktok: String
    /// GA4 Measurement Protocol (`POST {base}/mp/collect`).
    public var ga4: String

    public init(meta: String, tiktok: String, ga4: String) {
        self.meta = meta
        self.tiktok = tiktok
        self.ga4 = ga4
    }

    public static let defaults = PlatformEndpoints(
        meta: "https://graph.facebook.com/v21.0",
        tiktok: "https://business-api.tiktok.com/open_api/v1.3",
        ga4: "https://www.google-analytics.com")

    /// Every base URL pointing at one server (tests).
    public static func all(_ base: String) -> PlatformEndpoints {
        PlatformEndpoints(meta: base + "/meta", tiktok: base + "/tiktok", ga4: base + "/ga4")
    }
}

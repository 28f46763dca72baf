import ServiceKit
import AttributionStore
import Foundation

extension PixelAlertSender {
    static func text(_ alert: PixelAlertEvent) -> String {
        let window = ISO8601DateFormatter().string(from: alert.windowEnd)
        return """
            \(name(alert.platform)) pixel accuracy over the 24 hours to \(window) is \(percent(alert))%, \
            below the alert threshold of \(alert.thresholdPercent)%. See `attrctl pixels stats` and `attrctl pixels failures`.
            """
    }

    /// One decimal, e.g. 50.0.
    static func percent(_ alert: PixelAlertEvent) -> String {
        String(format: "%.1f", NSDecimalNumber(decimal: alert.accuracyPercent).doubleValue)
    }

    static func name(_ platform: String) -> String {
        ["ga4": "GA4", "meta": "Meta", "tiktok": "TikTok"][platform] ?? platform
    }
}

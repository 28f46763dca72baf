public import Foundation

/// Where one platform's events of a tenant are delivered, with its secret
/// opened (only inside attrd, only for a delivery).
public struct PixelDestination: Sendable {
    /// `ga4`, `meta` or `tiktok`.
    public var platform: String
    /// Meta pixel id, TikTok pixel code or GA4 measurement id.
    public var destinationID: String
    /// Access token (Meta, TikTok) or API secret (GA4).
    public var secret: String
    public var updatedAt: Date

    public init(platform: String, destinationID: String, secret: String, updatedAt: Date) {
        self.platform = platform
        self.destinationID = destinationID
        self.secret = secret
        self.updatedAt = updatedAt
    }
}

public import AttributionCore
public import Foundation

/// A validated pixel event, ready to store: its customer information
/// already hashed (see `MatchKeys`).
public struct PixelEventRecord: Sendable {
    /// `ga4`, `meta` or `tiktok`.
    public var platform: String
    /// `purchase`, `add_to_cart`, `page_view` or `checkout`.
    public var eventType: String
    public var eventName: String
    public var eventID: String
    public var eventTime: Date
    public var orderID: String?
    public var sessionID: String?
    /// `delivered`, `failed` or `pending`.
    public var deliveryStatus: String
    public var deliveryError: String?
    public var matchKeys: MatchKeys
    public var valueMinor: Int64?
    public var currency: String?

    public init(
        platform: String, eventType: String, eventName: String, eventID: String, eventTime: Date,
        orderID: String?, sessionID: String?, deliveryStatus: String, deliveryError: String?,
        matchKeys: MatchKeys, valueMinor: Int64?, currency: String?
    ) {
        self.platform = platform
        self.eventType = eventType
        self.eventName = eventName
        self.eventID = eventID
        self.eventTime = eventTime
        self.orderID = orderID
        self.sessionID = sessionID
        self.deliveryStatus = deliveryStatus
        self.deliveryError = deliveryError
        self.matchKeys = matchKeys
        self.valueMinor = valueMinor
        self.currency = currency
    }
}

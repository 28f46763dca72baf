// The names the store writes for the API's enums, in one place for attrd and attrctl.

extension Attribution_V1_PixelPlatform {
    /// The name stored in `pixel_events.platform`; nil for unspecified or unknown values.
    public var storedName: String? {
        switch self {
        case .ga4: "ga4"
        case .meta: "meta"
        case .tiktok: "tiktok"
        default: nil
        }
    }
}

extension Attribution_V1_PixelEventType {
    /// The name stored in `pixel_events.event_type`; nil for unspecified or unknown values.
    public var storedName: String? {
        switch self {
        case .purchase: "purchase"
        case .addToCart: "add_to_cart"
        case .pageView: "page_view"
        case .checkout: "checkout"
        default: nil
        }
    }
}

extension Attribution_V1_DeliveryStatus {
    /// The name stored in `pixel_events.delivery_status`; unspecified is pending.
    public var storedName: String {
        switch self {
        case .delivered: "delivered"
        case .failed: "failed"
        default: "pending"
        }
    }
}

import ServiceKit
import AttributionCore
import AttributionStore
import Foundation
import Protos

extension Attribution_V1_PixelEvent {
    /// The validated record, with customer information normalised and hashed.
    func record(now: Date) throws(FieldError) -> PixelEventRecord {
        guard let platform = platform.storedName else { throw FieldError("platform", "is required (ga4, meta or tiktok)") }
        guard let type = eventType.storedName else {
            throw FieldError("event_type", "is required (purchase, add_to_cart, page_view or checkout)")
        }
        let name = try Validate.optional(eventName, "event_name", maximum: 100) ?? eventType.standardName(on: self.platform)
        let id = try Validate.required(eventID, "event_id", maximum: 200)
        let time = try Validate.time(hasEventTime ? eventTime : nil, "event_time", now: now)
        // UNSPECIFIED (or a value this build does not know) is stored as pending.
        let delivery = deliveryStatus.storedName ?? "pending"
        let error = try Validate.optional(deliveryError, "delivery_error", maximum: 2000)
        if deliveryStatus == .failed, error == nil { throw FieldError("delivery_error", "is required when delivery_status is FAILED") }
        if deliveryStatus != .failed, error != nil { throw FieldError("delivery_error", "must be empty unless delivery_status is FAILED") }
        var valueMinor: Int64?
        var currency: String?
        if hasValue {
            valueMinor = try Validate.amount(value.amountMinor, "value.amount_minor")
            currency = try Validate.currency(value.currencyCode, "value.currency_code")
        }
        return PixelEventRecord(
            platform: platform, eventType: type, eventName: name, eventID: id, eventTime: time,
            orderID: try Validate.optional(orderID, "order_id", maximum: 200),
            sessionID: try Validate.optional(sessionID, "session_id", maximum: 200),
            deliveryStatus: delivery, deliveryError: error, matchKeys: try userData.matchKeys(),
            valueMinor: valueMinor, currency: currency)
    }
}

extension Attribution_V1_PixelEventType {
    /// The platform's standard event name, used when a request leaves `event_name` empty.
    func standardName(on platform: Attribution_V1_PixelPlatform) -> String {
        switch (platform, self) {
        case (.meta, .purchase): "Purchase"
        case (.meta, .addToCart): "AddToCart"
        case (.meta, .pageView): "PageView"
        case (.meta, .checkout): "InitiateCheckout"
        case (.tiktok, .purchase): "CompletePayment"
        case (.tiktok, .addToCart): "AddToCart"
        case (.tiktok, .pageView): "ViewContent"
        case (.tiktok, .checkout): "InitiateCheckout"
        case (_, .addToCart): "add_to_cart"
        case (_, .pageView): "page_view"
        case (_, .checkout): "begin_checkout"
        default: "purchase"
        }
    }
}

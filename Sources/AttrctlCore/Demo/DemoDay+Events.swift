import Foundation
import Protos
import SwiftProtobuf

extension DemoDay {
    /// How often each platform gets the purchase, and how often its delivery fails.
    static let platforms: [(Attribution_V1_PixelPlatform, String, received: Double, failed: Double, error: String)] = [
        (.meta, "meta", 0.93, 0.04, "OAuthException: Invalid parameter (#100) user_data.em"),
        (.ga4, "ga4", 0.97, 0.01, "HTTP 500 from the Measurement Protocol"),
        (.tiktok, "tiktok", 0.86, 0.06, "40100: too many requests"),
    ]

    mutating func pixelEvents(for order: Attribution_V1_Order, number: Int) {
        for (platform, name, received, failed, error) in Self.platforms where random.chance(received) {
            for type in [Attribution_V1_PixelEventType.pageView, .addToCart, .purchase] {
                if type == .addToCart && !random.chance(0.5) { continue }
                var event = Attribution_V1_PixelEvent()
                event.platform = platform
                event.eventType = type
                event.eventID = "demo-\(name)-\(type.rawValue)-\(label)-\(number)"
                let minutesBefore: Double = type == .purchase ? 0 : (type == .addToCart ? 4 : 11)
                event.eventTime = Google_Protobuf_Timestamp(date: order.orderedAt.date.addingTimeInterval(-minutesBefore * 60))
                event.sessionID = order.sessionID
                if type == .purchase {
                    event.orderID = order.orderID
                    event.value = order.revenue
                }
                if random.chance(failed) {
                    event.deliveryStatus = .failed
                    event.deliveryError = error
                } else {
                    event.deliveryStatus = .delivered
                }
                event.userData = userData(customer: order.customerID)
                events.append(event)
            }
        }
    }

    /// Mostly signed-in buyers (email and phone: matched), some browser keys only (partial), a few nothing.
    private mutating func userData(customer: String) -> Attribution_V1_UserData {
        var data = Attribution_V1_UserData()
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.82 {
            data.emails = ["\(customer)@example.com"]
            if random.chance(0.7) { data.phones = ["+1 415 555 \(String(format: "%04d", Int.random(in: 0...9999, using: &random)))"] }
            if random.chance(0.5) { data.firstNames = ["Sam"]; data.zipCodes = ["94107"] }
            data.externalIds = [customer]
        }
        if roll < 0.95 {
            data.fbp = "fb.1.1700000000000.\(Int.random(in: 100_000_000...999_999_999, using: &random))"
            data.clientIpAddress = "203.0.113.\(Int.random(in: 1...254, using: &random))"
            data.clientUserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"
        }
        return data
    }
}

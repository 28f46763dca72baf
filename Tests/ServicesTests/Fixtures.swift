import Foundation
import Protos
import SwiftProtobuf

/// Request builders for the tests.
enum Fixtures {
    static func event(
        _ id: String, platform: Attribution_V1_PixelPlatform = .meta, type: Attribution_V1_PixelEventType = .purchase,
        at time: Date = Date().addingTimeInterval(-60), orderID: String = "", email: String? = nil,
        delivery: Attribution_V1_DeliveryStatus = .delivered, error: String = ""
    ) -> Attribution_V1_PixelEvent {
        var event = Attribution_V1_PixelEvent()
        event.platform = platform
        event.eventType = type
        event.eventID = id
        event.eventTime = Google_Protobuf_Timestamp(date: time)
        event.orderID = orderID
        event.deliveryStatus = delivery
        event.deliveryError = error
        if let email { event.userData.emails = [email] }
        return event
    }

    static func order(
        _ id: String, at time: Date, revenue: Int64, currency: String = "USD", customer: String = "", session: String = ""
    ) -> Attribution_V1_Order {
        var order = Attribution_V1_Order()
        order.orderID = id
        order.orderedAt = Google_Protobuf_Timestamp(date: time)
        order.revenue.amountMinor = revenue
        order.revenue.currencyCode = currency
        order.customerID = customer
        order.sessionID = session
        return order
    }

    static func touchpoint(
        _ id: String, _ channel: String, campaign: String = "", at time: Date, customer: String = "", session: String = ""
    ) -> Attribution_V1_Touchpoint {
        var touch = Attribution_V1_Touchpoint()
        touch.touchpointID = id
        touch.channel = channel
        touch.campaign = campaign
        touch.occurredAt = Google_Protobuf_Timestamp(date: time)
        touch.customerID = customer
        touch.sessionID = session
        return touch
    }
}

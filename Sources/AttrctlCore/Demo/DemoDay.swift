import Foundation
import Protos
import SwiftProtobuf

/// One day of the demo shop (see `DemoDataset`).
struct DemoDay {
    let label: String
    let start: Date
    let now: Date
    var random: SplitMix64
    var touchpoints: [Attribution_V1_Touchpoint] = []
    var orders: [Attribution_V1_Order] = []
    var events: [Attribution_V1_PixelEvent] = []

    init(label: String, start: Date, now: Date) {
        self.label = label
        self.start = start
        self.now = now
        self.random = SplitMix64(seed: "demo-" + label)
    }

    mutating func generate() {
        let weekday = Calendar(identifier: .gregorian).component(.weekday, from: start)
        let count = 40 + Int.random(in: 0...20, using: &random) + (weekday == 1 || weekday == 7 ? 12 : 0)
        for number in 0..<count {
            order(number)
        }
    }

    private mutating func order(_ number: Int) {
        let orderedAt = start.addingTimeInterval(Double(Int.random(in: 7 * 3600...(23 * 3600 + 3599), using: &random)))
        let returning = random.chance(0.3)
        let customer = returning ? "demo-c-r\(Int.random(in: 0..<200, using: &random))" : "demo-c-\(label)-\(number)"
        let session = "demo-s-\(label)-\(number)"
        let journey = (0..<Int.random(in: 1...4, using: &random)).map { _ in
            (random.weighted(DemoChannel.all.map { ($0, $0.weight) }), Double.random(in: 0.02...14, using: &random))
        }.sorted { $0.1 > $1.1 }
        for (index, (channel, daysBefore)) in journey.enumerated() {
            var touch = Attribution_V1_Touchpoint()
            touch.touchpointID = "demo-t-\(label)-\(number)-\(index)"
            touch.channel = channel.name
            touch.campaign = channel.campaigns[Int.random(in: 0..<channel.campaigns.count, using: &random)]
            touch.occurredAt = Google_Protobuf_Timestamp(date: orderedAt.addingTimeInterval(-daysBefore * 86_400))
            // Some visits are signed in; the others are anonymous in the session the order will stitch.
            if random.chance(0.6) { touch.customerID = customer } else { touch.sessionID = session }
            touch.utm.source = channel.source
            touch.utm.medium = channel.medium
            touch.utm.campaign = touch.campaign
            touch.landingPageURL = "https://shop.example.com/collections/\(channel.name)"
            if touch.occurredAt.date <= now { touchpoints.append(touch) }
        }
        guard orderedAt <= now else { return }
        var order = Attribution_V1_Order()
        order.orderID = "demo-o-\(label)-\(number)"
        order.orderedAt = Google_Protobuf_Timestamp(date: orderedAt)
        order.revenue.amountMinor = Int64(Int.random(in: 25...180, using: &random)) * 100 + 99
        order.revenue.currencyCode = "USD"
        if random.chance(0.25) { order.discountCodes = [DemoDataset.discountCodes[Int.random(in: 0..<5, using: &random)]] }
        let last = journey.last!.0
        order.utm.source = last.source
        order.utm.medium = last.medium
        order.landingPageURL = "https://shop.example.com/products/sku-\(Int.random(in: 100...160, using: &random))"
        order.customerID = customer
        order.sessionID = session
        order.customerType = returning ? .returning : .new
        orders.append(order)
        pixelEvents(for: order, number: number)
    }
}

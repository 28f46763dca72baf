import AttributionStore
import Foundation
import Protos
@testable import Pixels
import ServiceKit
import Testing

/// The issue flags of one platform from its activity (no database).
struct PixelHealthTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    static func health(orders: Int, matched: Int, previousOrders: Int = 0) -> PixelHealth {
        var activity = PlatformActivity(platform: "meta")
        activity.orders = orders
        activity.matchedOrders = matched
        activity.previousOrders = previousOrders
        activity.lastReceiveTime = now
        return PixelHealth(activity: activity, threshold: 90, noEventsHours: 6, stitchingDropPoints: 10, now: now)
    }

    @Test func noOrdersIsNoOrdersRatherThanZeroPercentAndOK() {
        let empty = Self.health(orders: 0, matched: 0, previousOrders: 3)
        #expect(empty.issues == [.noOrders])
        #expect(empty.proto.orders24H == 0 && empty.proto.previousOrders24H == 3)
        // Orders, none matched: a real 0%, below the threshold, not NO_ORDERS.
        #expect(Self.health(orders: 4, matched: 0).issues == [.accuracyBelowThreshold])
        #expect(Self.health(orders: 4, matched: 4).issues.isEmpty)
    }
}

import Foundation
import Protos
import SwiftProtobuf
import Testing

@testable import AttrctlCore

struct DemoDatasetTests {
    static let now = Date(timeIntervalSince1970: 1_779_000_000)  // 2026-05-17T06:40:00Z

    @Test func theSameDayGivesTheSameData() {
        let first = DemoDataset(days: 3, now: Self.now)
        let second = DemoDataset(days: 3, now: Self.now)
        #expect(first.orders == second.orders)
        #expect(first.touchpoints == second.touchpoints)
        #expect(first.events == second.events)
    }

    @Test func aLaterRunRepeatsTheDaysItShares() {
        let today = DemoDataset(days: 2, now: Self.now)
        let tomorrow = DemoDataset(days: 3, now: Self.now.addingTimeInterval(86_400))
        let shared = Set(today.orders.map(\.orderID)).intersection(tomorrow.orders.map(\.orderID))
        // Yesterday's orders are the same; today's grew as the day went on.
        #expect(shared.count == today.orders.count)
        let byID = Dictionary(uniqueKeysWithValues: tomorrow.orders.map { ($0.orderID, $0) })
        #expect(today.orders.allSatisfy { byID[$0.orderID] == $0 })
    }

    @Test func idsAreUniqueAndNothingIsInTheFuture() {
        let data = DemoDataset(days: 30, now: Self.now)
        #expect(Set(data.orders.map(\.orderID)).count == data.orders.count)
        #expect(Set(data.touchpoints.map(\.touchpointID)).count == data.touchpoints.count)
        #expect(Set(data.events.map { "\($0.platform)/\($0.eventType)/\($0.eventID)" }).count == data.events.count)
        #expect(data.orders.allSatisfy { $0.orderedAt.date <= Self.now })
        #expect(data.events.allSatisfy { $0.eventTime.date <= Self.now })
        #expect(data.orders.count > 30 * 40)
    }

    @Test func hasFailuresPartialMatchesAndDiscountCodes() {
        let data = DemoDataset(days: 30, now: Self.now)
        #expect(data.events.contains { $0.deliveryStatus == .failed && !$0.deliveryError.isEmpty })
        #expect(data.events.contains { $0.userData.emails.isEmpty && !$0.userData.fbp.isEmpty })
        #expect(data.orders.contains { !$0.discountCodes.isEmpty })
        #expect(Set(data.touchpoints.map(\.channel)).count == DemoChannel.all.count)
    }
}

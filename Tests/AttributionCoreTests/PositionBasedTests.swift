import Foundation
import Testing

@testable import AttributionCore

/// Position-based credit with touchpoints between the first and the last:
/// 40% each to the ends, 20% split evenly among the n − 2 between, against
/// hand-computed units of 10⁻⁸ and minor units.
struct PositionBasedTests {
    /// `count` touchpoints of one customer, one a day, the last a day before the order.
    static func touches(_ count: Int) -> [Touch] {
        (0..<count).map { index in
            WorkedExample.touch(index, "channel_\(index)", nil, daysBefore: Double(count - index))
        }
    }

    static func rows(_ count: Int, revenue: Int64) -> [String] {
        let conversion = Conversion(
            id: WorkedExample.conversion.id, orderedAt: WorkedExample.orderedAt, revenueMinor: revenue, currency: "USD")
        return Attributor(models: [.positionBased], windows: [.fourteenDays])
            .credits(for: conversion, touches: touches(count))
            .map { "\($0.channel) \($0.creditUnits) \($0.revenueMinor)" }
    }

    @Test func fourTouchpointsGiveTheTwoBetweenTenPercentEach() {
        // 12345 × 0.1 = 1234.5 for each of the two between: floors 4938 + 1234 + 1234 + 4938 = 12344;
        // the cent left goes to the earlier of the tied remainders (0.5 each).
        #expect(Self.rows(4, revenue: 12_345) == [
            "channel_0 40000000 4938", "channel_1 10000000 1235", "channel_2 10000000 1234", "channel_3 40000000 4938",
        ])
    }

    @Test func fiveTouchpointsSplitTwentyPercentInThree() {
        // 0.2 / 3 = 0.0666…: 6666666.67 units each, floors leave 2 units for the first two between.
        // Revenue 10000: 4000, 666.67 × 3 (floors 666, two cents left), 4000.
        #expect(Self.rows(5, revenue: 10_000) == [
            "channel_0 40000000 4000", "channel_1 6666667 667", "channel_2 6666667 667", "channel_3 6666666 666",
            "channel_4 40000000 4000",
        ])
    }

    @Test func sixTouchpointsGiveEachBetweenFivePercent() {
        #expect(Self.rows(6, revenue: 20_000) == [
            "channel_0 40000000 8000", "channel_1 5000000 1000", "channel_2 5000000 1000", "channel_3 5000000 1000",
            "channel_4 5000000 1000", "channel_5 40000000 8000",
        ])
    }
}

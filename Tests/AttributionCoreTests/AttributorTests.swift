import Foundation
import Testing

@testable import AttributionCore

/// Each model against hand-computed credit (docs/ATTRIBUTION.md, "Worked example").
struct AttributorTests {
    let credits = Attributor().credits(for: WorkedExample.conversion, touches: WorkedExample.touches)

    /// (channel, credit units, revenue) of one model and window, chronological.
    func rows(_ model: AttributionModel, _ window: AttributionWindow) -> [String] {
        credits.filter { $0.model == model && $0.window == window }.map { "\($0.channel) \($0.creditUnits) \($0.revenueMinor)" }
    }

    @Test func twentyEightDaysHoldThreeTouchpoints() {
        #expect(rows(.firstTouch, .twentyEightDays) == ["paid_social 100000000 12000"])
        #expect(rows(.lastTouch, .twentyEightDays) == ["paid_search 100000000 12000"])
        #expect(rows(.linear, .twentyEightDays) == [
            "paid_social 33333334 4000", "email 33333333 4000", "paid_search 33333333 4000",
        ])
        // Weights 2^(-18/7), 2^(-7/7), 2^(-1/7), normalised.
        #expect(rows(.timeDecay, .twentyEightDays) == [
            "paid_social 10688798 1283", "email 31766984 3812", "paid_search 57544218 6905",
        ])
        #expect(rows(.positionBased, .twentyEightDays) == [
            "paid_social 40000000 4800", "email 20000000 2400", "paid_search 40000000 4800",
        ])
    }

    @Test func sevenDaysIncludeATouchpointExactlySevenDaysBefore() {
        #expect(rows(.firstTouch, .sevenDays) == ["email 100000000 12000"])
        #expect(rows(.linear, .sevenDays) == ["email 50000000 6000", "paid_search 50000000 6000"])
        #expect(rows(.timeDecay, .sevenDays) == ["email 35568868 4268", "paid_search 64431132 7732"])
        #expect(rows(.positionBased, .sevenDays) == ["email 50000000 6000", "paid_search 50000000 6000"])
    }

    @Test func oneDayHoldsOnlyTheLastTouchpoint() {
        for model in AttributionModel.allCases {
            #expect(rows(model, .oneDay) == ["paid_search 100000000 12000"])
        }
    }

    @Test func ninetyDaysLeaveOutTheTouchpointFromFourMonthsBefore() {
        #expect(rows(.linear, .ninetyDays) == rows(.linear, .twentyEightDays))
        #expect(!credits.contains { $0.channel == "organic_search" })
    }

    @Test func anOrderWithNoTouchpointGoesToDirect() {
        let alone = Attributor().credits(for: WorkedExample.conversion, touches: [])
        #expect(alone.count == AttributionModel.allCases.count * AttributionWindow.allCases.count)
        #expect(alone.allSatisfy { $0.channel == "direct" && $0.touchID == nil && $0.revenueMinor == 12_000 })
    }

    @Test func everyModelAndWindowAccountsForTheWholeOrder() {
        for model in AttributionModel.allCases {
            for window in AttributionWindow.allCases {
                let slice = credits.filter { $0.model == model && $0.window == window }
                #expect(slice.map(\.creditUnits).reduce(0, +) == AttributedCredit.unitsPerCredit)
                #expect(slice.map(\.revenueMinor).reduce(0, +) == 12_000)
            }
        }
    }

    @Test func aTouchpointAfterTheOrderGetsNoCredit() {
        let later = WorkedExample.touch(9, "sms", nil, daysBefore: -0.5)
        let withLater = Attributor().credits(for: WorkedExample.conversion, touches: WorkedExample.touches + [later])
        #expect(!withLater.contains { $0.channel == "sms" })
    }

    /// Touchpoints at the same instant are ordered by the sender's touchpoint
    /// id (Touch.chronological), whatever order they are given in.
    @Test func aTieInTimeIsBrokenByTheSendersTouchpointID() {
        let at = WorkedExample.orderedAt.addingTimeInterval(-WorkedExample.day)
        let b = Touch(id: UUID(), channel: "tiktok_ads", campaign: nil, occurredAt: at, touchpointID: "tp-b")
        let a = Touch(id: UUID(), channel: "email", campaign: nil, occurredAt: at, touchpointID: "tp-a")
        let c = Touch(id: UUID(), channel: "affiliate", campaign: nil, occurredAt: at, touchpointID: "tp-c")
        for given in [[b, a, c], [c, b, a], [a, c, b]] {
            let credits = Attributor(windows: [.sevenDays]).credits(for: WorkedExample.conversion, touches: given)
            func rows(_ model: AttributionModel) -> [String] {
                credits.filter { $0.model == model }.map { "\($0.channel) \($0.creditUnits)" }
            }
            #expect(rows(.firstTouch) == ["email 100000000"])
            #expect(rows(.lastTouch) == ["affiliate 100000000"])
            #expect(rows(.positionBased) == ["email 40000000", "tiktok_ads 20000000", "affiliate 40000000"])
            // Linear's one unit left over goes to the first in that order.
            #expect(rows(.linear) == ["email 33333334", "tiktok_ads 33333333", "affiliate 33333333"])
        }
    }

    @Test func theHalfLifeIsConfigurable() {
        let slow = Attributor(halfLife: 1_000_000 * WorkedExample.day)
        let decay = slow.credits(for: WorkedExample.conversion, touches: WorkedExample.touches)
            .filter { $0.model == .timeDecay && $0.window == .twentyEightDays }
        // A very long half-life approaches linear.
        #expect(decay.map(\.revenueMinor) == [4000, 4000, 4000])
    }
}

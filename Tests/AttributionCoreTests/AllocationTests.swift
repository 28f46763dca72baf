import Testing

@testable import AttributionCore

struct AllocationTests {
    @Test func partsAreWholeUnitsThatSumToTheAmount() {
        #expect(MinorUnitAllocation.split(100, by: [1 / 3, 1 / 3, 1 / 3]) == [34, 33, 33])
        #expect(MinorUnitAllocation.split(10_000, by: [0.4, 0.2, 0.4]) == [4000, 2000, 4000])
        #expect(MinorUnitAllocation.split(1, by: [0.5, 0.5]) == [1, 0])
        #expect(MinorUnitAllocation.split(0, by: [0.25, 0.75]) == [0, 0])
    }

    @Test func theLargestRemaindersGetTheLeftoverUnits() {
        // 7 × (0.1, 0.3, 0.6) = 0.7, 2.1, 4.2 → floors 0, 2, 4 (6), one unit left for the 0.7.
        #expect(MinorUnitAllocation.split(7, by: [0.1, 0.3, 0.6]) == [1, 2, 4])
    }

    @Test(arguments: [1, 2, 3, 7, 11, 97])
    func anySplitSumsExactly(count: Int) {
        let weights = (1...count).map { Double($0) }
        let total = weights.reduce(0, +)
        for amount: Int64 in [1, 99, 12_345, 100_000_000, 9_999_999_999] {
            let parts = MinorUnitAllocation.split(amount, by: weights.map { $0 / total })
            #expect(parts.reduce(0, +) == amount)
            #expect(parts.allSatisfy { $0 >= 0 })
        }
    }
}

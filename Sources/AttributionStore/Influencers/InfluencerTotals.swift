public import Foundation

/// An influencer's credited orders summed over a period.
public struct InfluencerTotals: Sendable, Equatable {
    public var revenueMinor: Int64 = 0
    /// Credit summed, exact to 10⁻⁸.
    public var conversions: Decimal = 0
    /// The credit of orders from new customers.
    public var newCustomerConversions: Decimal = 0

    public init(revenueMinor: Int64 = 0, conversions: Decimal = 0, newCustomerConversions: Decimal = 0) {
        self.revenueMinor = revenueMinor
        self.conversions = conversions
        self.newCustomerConversions = newCustomerConversions
    }

    public mutating func add(_ other: InfluencerTotals) {
        revenueMinor += other.revenueMinor
        conversions += other.conversions
        newCustomerConversions += other.newCustomerConversions
    }

    /// Revenue ÷ conversions in minor units, rounded half up; 0 without conversions.
    public var averageOrderValueMinor: Int64 {
        guard conversions > 0 else { return 0 }
        var quotient = Decimal(revenueMinor) / conversions
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, 0, .plain)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    /// New customers' share of conversions, in percent; 0 without conversions.
    public var newCustomerPercent: Double {
        conversions > 0 ? NSDecimalNumber(decimal: newCustomerConversions / conversions * 100).doubleValue : 0
    }

    /// revenue × bps ÷ 10000, rounded half up (away from zero) to the minor unit; 0 without a rate.
    public func commissionMinor(rateBps: Int?) -> Int64 {
        guard let rateBps, rateBps > 0 else { return 0 }
        let product = revenueMinor * Int64(rateBps)
        let magnitude = (abs(product) + 5_000) / 10_000
        return product < 0 ? -magnitude : magnitude
    }

    /// Revenue ÷ commission; 0 when no commission was earned.
    public func roas(rateBps: Int?) -> Double {
        let commission = commissionMinor(rateBps: rateBps)
        return commission == 0 ? 0 : Double(revenueMinor) / Double(commission)
    }
}

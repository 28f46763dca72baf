public import Foundation

/// Attributed performance summed over a slice of the daily roll-up.
public struct MetricTotals: Sendable, Equatable {
    public var revenueMinor: Int64
    /// Credit summed: exact to 10⁻⁸.
    public var conversions: Decimal
    public var spendMinor: Int64
    /// The tenant's reporting currency; nil when there is no data.
    public var currency: String?

    public init(revenueMinor: Int64 = 0, conversions: Decimal = 0, spendMinor: Int64 = 0, currency: String? = nil) {
        self.revenueMinor = revenueMinor
        self.conversions = conversions
        self.spendMinor = spendMinor
        self.currency = currency
    }

    /// Revenue ÷ spend; 0 without spend.
    public var roas: Double { spendMinor == 0 ? 0 : Double(revenueMinor) / Double(spendMinor) }

    /// Revenue ÷ conversions in minor units, rounded; 0 without conversions.
    public var averageOrderValueMinor: Int64 {
        let count = NSDecimalNumber(decimal: conversions).doubleValue
        return count == 0 ? 0 : Int64((Double(revenueMinor) / count).rounded())
    }

    public mutating func add(_ other: MetricTotals) {
        revenueMinor += other.revenueMinor
        conversions += other.conversions
        spendMinor += other.spendMinor
        currency = currency ?? other.currency
    }
}

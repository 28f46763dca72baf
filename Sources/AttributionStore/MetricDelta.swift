public import Foundation

/// The change of attributed performance against the previous period of the
/// same length, as common.proto's MetricDelta documents it: each value now
/// minus then, and relative to then in percent (0 when then was zero).
public struct MetricDelta: Sendable, Equatable {
    /// Revenue now minus revenue then, in minor units.
    public var revenueChangeMinor: Int64
    public var revenueChangePercent: Double
    /// Conversions now minus conversions then (exact, as the roll-up sums them).
    public var conversionsChange: Decimal
    public var conversionsChangePercent: Double
    /// Spend now minus spend then, in minor units.
    public var spendChangeMinor: Int64
    public var spendChangePercent: Double

    public init(current: MetricTotals, previous: MetricTotals) {
        revenueChangeMinor = current.revenueMinor - previous.revenueMinor
        revenueChangePercent = Self.percent(Decimal(revenueChangeMinor), of: Decimal(previous.revenueMinor))
        conversionsChange = current.conversions - previous.conversions
        conversionsChangePercent = Self.percent(conversionsChange, of: previous.conversions)
        spendChangeMinor = current.spendMinor - previous.spendMinor
        spendChangePercent = Self.percent(Decimal(spendChangeMinor), of: Decimal(previous.spendMinor))
    }

    /// `change` relative to `base` in percent; 0 when `base` is zero.
    static func percent(_ change: Decimal, of base: Decimal) -> Double {
        base == 0 ? 0 : NSDecimalNumber(decimal: change / base * 100).doubleValue
    }
}

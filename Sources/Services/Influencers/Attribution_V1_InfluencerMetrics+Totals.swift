import AttributionStore
import Foundation
import Protos

extension Attribution_V1_InfluencerMetrics {
    /// `totals` with the commission of `rateBps`, amounts in `currency`.
    init(_ totals: InfluencerTotals, rateBps: Int?, currency: String) {
        self.init()
        revenue = .init(totals.revenueMinor, currency)
        conversions = NSDecimalNumber(decimal: totals.conversions).doubleValue
        averageOrderValue = .init(totals.averageOrderValueMinor, currency)
        newCustomerPercent = totals.newCustomerPercent
        commissionEarned = .init(totals.commissionMinor(rateBps: rateBps), currency)
        roas = totals.roas(rateBps: rateBps)
    }
}

extension Attribution_V1_Money {
    init(_ minor: Int64, _ currency: String) {
        self.init()
        amountMinor = minor
        currencyCode = currency
    }
}

extension Attribution_V1_MetricDelta {
    /// Revenue and conversions now against then (influencers have no spend).
    init(current: InfluencerTotals, previous: InfluencerTotals) {
        self.init()
        let delta = MetricDelta(
            current: MetricTotals(revenueMinor: current.revenueMinor, conversions: current.conversions),
            previous: MetricTotals(revenueMinor: previous.revenueMinor, conversions: previous.conversions))
        revenueChangeMinor = delta.revenueChangeMinor
        revenueChangePercent = delta.revenueChangePercent
        conversionsChange = NSDecimalNumber(decimal: delta.conversionsChange).doubleValue
        conversionsChangePercent = delta.conversionsChangePercent
    }
}

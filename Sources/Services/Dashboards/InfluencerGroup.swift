import AttributionCore
import AttributionStore
import Foundation
import Protos

/// One row, slice or point of an INFLUENCERS widget: an influencer's credits
/// (or "Other"'s, or a period's) summed, with the metrics Influencers shows
/// for the same sums (InfluencerTotals: AOV rounded half up alike).
struct InfluencerGroup: Sendable, Equatable {
    /// The influencer's name, "Other", or "" for a period.
    var label: String
    /// The influencer's id (lower-case UUID); "" for "Other" and periods.
    var influencerID: String = ""
    var totals: InfluencerTotals
    var period: CalendarDay?

    /// The metric in its unit: minor units for revenue and AOV; 0 for metrics the source does not offer.
    func number(_ metric: Attribution_V1_MetricName) -> Double {
        switch metric {
        case .revenue: Double(totals.revenueMinor)
        case .conversions: NSDecimalNumber(decimal: totals.conversions).doubleValue
        case .averageOrderValue: Double(totals.averageOrderValueMinor)
        default: 0
        }
    }

    func value(_ metric: Attribution_V1_MetricName, currency: String) -> Attribution_V1_MetricValue {
        MetricProto.value(metric, number: number(metric), currency: currency)
    }
}

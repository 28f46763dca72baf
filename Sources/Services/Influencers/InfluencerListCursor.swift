import AttributionStore
import Foundation
import Protos

/// A position in ListInfluencers' order: the sort metric (highest first;
/// nil when sorting by name), then the name ignoring case, then the id.
/// Every row has a distinct position, so a page starts exactly after the
/// previous page's last row, whatever was added or changed meanwhile.
struct InfluencerListCursor: Codable, Sendable, Equatable {
    var metric: Decimal?
    var name: String
    var id: String

    /// Whether `self` comes before `other` in the list.
    func precedes(_ other: InfluencerListCursor) -> Bool {
        if let lhs = metric, let rhs = other.metric, lhs != rhs { return lhs > rhs }
        if name != other.name { return name < other.name }
        return id < other.id
    }

    /// The sort value of an influencer with `totals`.
    static func metric(_ order: Attribution_V1_InfluencerSortOrder, totals: InfluencerTotals, rateBps: Int?) -> Decimal? {
        switch order {
        case .revenue: Decimal(totals.revenueMinor)
        case .conversions: totals.conversions
        case .roas: Decimal(string: String(totals.roas(rateBps: rateBps))) ?? 0
        case .unspecified, .UNRECOGNIZED: nil
        }
    }
}

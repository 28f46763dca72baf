public import AttributionCore
public import Foundation
public import Storage

extension InfluencerStore {
    /// Metrics of some influencers for a period and the previous one, with
    /// the rules version they follow.
    public struct MetricsAnswer: Sendable {
        public var current: [UUID: InfluencerTotals]
        public var previous: [UUID: InfluencerTotals]
        public var versions: InfluencerRules.Versions
        /// The tenant's reporting currency; nil before its first order.
        public var currency: String?
    }

    /// The credits of `ids` (empty: all) over `query`'s period and the
    /// previous one, from their daily roll-up (`attribution_influencer_daily`,
    /// kept by InfluencerMatching), read in one statement of one REPEATABLE READ snapshot
    /// with the rules versions, so the answer follows one rules version.
    public func metrics(_ query: MetricsQuery, ids: [UUID] = [], in tx: TenantTransaction) async throws -> MetricsAnswer {
        let previous = query.previousPeriod
        let rows = try await tx.query(
            """
            SELECT influencer_id,
                coalesce(sum(revenue_minor) FILTER (WHERE day >= $3::date), 0) AS revenue,
                coalesce(sum(conversions) FILTER (WHERE day >= $3::date), 0)::text AS conversions,
                coalesce(sum(new_customer_conversions) FILTER (WHERE day >= $3::date), 0)::text AS new_conversions,
                coalesce(sum(revenue_minor) FILTER (WHERE day < $3::date), 0) AS prev_revenue,
                coalesce(sum(conversions) FILTER (WHERE day < $3::date), 0)::text AS prev_conversions,
                coalesce(sum(new_customer_conversions) FILTER (WHERE day < $3::date), 0)::text AS prev_new_conversions
            FROM attribution_influencer_daily
            WHERE tenant_id = $7 AND model = ANY(ARRAY[$1, '*']) AND attribution_window = ANY(ARRAY[$2, '*'])
              AND day BETWEEN $4::date AND $5::date
              AND (cardinality($6::uuid[]) = 0 OR influencer_id = ANY($6::uuid[]))
            GROUP BY influencer_id
            """,
            [
                query.model.rawValue, query.window.rawValue, query.first.description, previous.first.description,
                query.last.description, ids.map { $0.uuidString }, tx.tenantID,
            ])
        var answer = MetricsAnswer(
            current: [:], previous: [:], versions: try await InfluencerRules.versions(in: tx),
            currency: try await currency(in: tx))
        for row in rows {
            let id: UUID = try row.decode("influencer_id")
            answer.current[id] = InfluencerTotals(
                revenueMinor: try row.decode("revenue"), conversions: try row.decode("conversions"),
                newCustomerConversions: try row.decode("new_conversions"))
            answer.previous[id] = InfluencerTotals(
                revenueMinor: try row.decode("prev_revenue"), conversions: try row.decode("prev_conversions"),
                newCustomerConversions: try row.decode("prev_new_conversions"))
        }
        return answer
    }
}

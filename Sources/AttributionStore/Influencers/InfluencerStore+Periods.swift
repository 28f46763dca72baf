public import AttributionCore
import Foundation
public import Storage

extension InfluencerStore {
    /// The credits of the tenant's influencers summed per period of
    /// `grouping` (day, ISO week or calendar month, clipped to the range as
    /// `MetricsGrouping.periods` says) over `query`'s range, from the daily
    /// roll-up `metrics` reads (`attribution_influencer_daily`, its primary
    /// key's day range): one entry per
    /// period, oldest first, zero-filled. Only influencers that exist count:
    /// the credits of one deleted, whose re-attribution is still pending,
    /// are left out, as ListInfluencers leaves it out. Other groupings are
    /// read as one period, the range's first day.
    public func periods(
        _ query: MetricsQuery, by grouping: MetricsGrouping, in tx: TenantTransaction
    ) async throws -> [(period: CalendarDay, totals: InfluencerTotals)] {
        let period = switch grouping {
        case .day: "d.day"
        case .week: "GREATEST(date_trunc('week', d.day::timestamp)::date, $4::date)"
        case .month: "GREATEST(date_trunc('month', d.day::timestamp)::date, $4::date)"
        default: "$4::date"
        }
        let rows = try await tx.query(
            """
            SELECT (\(period))::text AS period,
                coalesce(sum(d.revenue_minor), 0) AS revenue,
                coalesce(sum(d.conversions), 0)::text AS conversions,
                coalesce(sum(d.new_customer_conversions), 0)::text AS new_conversions
            FROM attribution_influencer_daily d
            WHERE d.tenant_id = $1 AND d.model = ANY(ARRAY[$2, '*']) AND d.attribution_window = ANY(ARRAY[$3, '*'])
              AND d.day BETWEEN $4::date AND $5::date
              AND EXISTS (
                  SELECT 1 FROM attribution_influencers i WHERE i.tenant_id = $1 AND i.id = d.influencer_id)
            GROUP BY 1 ORDER BY 1
            """,
            [tx.tenantID, query.model.rawValue, query.window.rawValue, query.first.description, query.last.description])
        var sums: [CalendarDay: InfluencerTotals] = [:]
        for row in rows {
            let text: String = try row.decode("period")
            guard let day = CalendarDay(iso: text) else {
                throw PostgresError(code: .decodingFailed, message: "'\(text)' is not a YYYY-MM-DD date")
            }
            sums[day] = InfluencerTotals(
                revenueMinor: try row.decode("revenue"), conversions: try row.decode("conversions"),
                newCustomerConversions: try row.decode("new_conversions"))
        }
        let starts = grouping.isTime ? grouping.periods(from: query.first, through: query.last) : [query.first]
        return starts.map { ($0, sums[$0] ?? InfluencerTotals()) }
    }

    /// The tenant's reporting currency; nil before its first order.
    public func currency(in tx: TenantTransaction) async throws -> String? {
        try await tx.query("SELECT currency FROM tenants WHERE id = $1", [tx.tenantID]).first("currency")
    }
}

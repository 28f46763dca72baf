import AttributionCore
import AttributionStore
import Foundation
import Protos
import Storage
import SwiftProtobuf

extension DashboardsService {
    /// An INFLUENCERS widget's data over the influencer metrics store (the
    /// sums Influencers shows), read in one REPEATABLE READ snapshot so that
    /// every figure of the answer follows one rules version. Rows and slices
    /// are the influencers with credits in the range, by name; the totals and
    /// KPIs are the sums over every influencer (credits of a deleted one
    /// awaiting re-attribution count nowhere, as in ListInfluencers).
    func influencerData(
        of widget: Attribution_V1_Widget, query: MetricsQuery, tenantID: UUID
    ) async throws -> Attribution_V1_GetWidgetDataResponse.OneOf_Data {
        let config = widget.config
        return try await influencers.database.withTenant(tenantID, isolation: .repeatableRead, readOnly: true) { tx in
            let overTime = widget.type == .lineChart || (widget.type == .barChart && config.granularity != .unspecified)
            switch widget.type {
            case .kpi:
                return .kpi(try await influencerKPI(config, query, in: tx))
            case _ where overTime:
                let granularity = config.granularity == .unspecified ? Attribution_V1_SeriesGranularity.day : config.granularity
                let grouping: MetricsGrouping = switch granularity {
                case .week: .week
                case .month: .month
                default: .day
                }
                let periods = try await influencers.periods(query, by: grouping, in: tx)
                let currency = try await influencers.currency(in: tx) ?? ""
                return .series(InfluencerWidgetData.series(config.metrics, periods, granularity: granularity, currency: currency))
            case .pie:
                let (groups, currency) = try await influencerGroups(query, in: tx)
                let limit = config.limit == 0 ? 10 : Int(config.limit)
                return .pie(InfluencerWidgetData.pie(config.metrics[0], groups.filter(\.hasCredits), limit: limit, currency: currency))
            default:
                let (groups, currency) = try await influencerGroups(query, in: tx)
                let limit = config.limit == 0 ? 50 : Int(config.limit)
                var table = InfluencerWidgetData.table(config.metrics, groups.filter(\.hasCredits), limit: limit, currency: currency)
                table.totals = InfluencerWidgetData.table(config.metrics, groups, limit: 1, currency: currency).totals
                return .table(table)
            }
        }
    }

    /// Every influencer of the tenant (by name) with its sums over the query's range, and the currency.
    func influencerGroups(_ query: MetricsQuery, in tx: TenantTransaction) async throws -> ([InfluencerGroup], String) {
        let all = try await influencers.all(active: nil, search: nil, in: tx)
        let answer = try await influencers.metrics(query, in: tx)
        let groups = all.map { stored in
            InfluencerGroup(
                label: stored.record.name, influencerID: stored.id.uuidString.lowercased(), totals: answer.current[stored.id] ?? InfluencerTotals())
        }
        return (groups, answer.currency ?? "")
    }

    func influencerKPI(_ config: Attribution_V1_WidgetConfig, _ query: MetricsQuery, in tx: TenantTransaction) async throws -> Attribution_V1_KpiData {
        let metric = config.metrics[0]
        let ids = try await influencers.all(active: nil, search: nil, in: tx).map(\.id)
        func sum(_ totals: [UUID: InfluencerTotals]) -> InfluencerGroup {
            InfluencerGroup(label: "", totals: ids.reduce(into: InfluencerTotals()) { sum, id in totals[id].map { sum.add($0) } })
        }
        let answer = try await influencers.metrics(query, in: tx)
        let current = sum(answer.current)
        let currency = answer.currency ?? ""
        switch config.comparison {
        case .target:
            return WidgetData.kpi(
                metric, value: current.number(metric), comparison: nil, comparisonRange: nil, mode: .target, target: config.target.value,
                currency: currency)
        default:
            let periodsAgo = config.comparison == .periodsAgo ? Int(config.periodsAgo) : 1
            let compared = query.shifted(periods: periodsAgo)
            // The previous period comes with the answer; one further back is read alike.
            let comparison = periodsAgo == 1 ? sum(answer.previous) : sum(try await influencers.metrics(compared, in: tx).current)
            return WidgetData.kpi(
                metric, value: current.number(metric), comparison: comparison.number(metric), comparisonRange: MetricProto.range(compared),
                mode: periodsAgo == 1 && config.comparison != .periodsAgo ? .previousPeriod : .periodsAgo, target: nil, currency: currency)
        }
    }
}

extension InfluencerGroup {
    /// Whether the influencer has credits in the range (rows and slices show only those).
    var hasCredits: Bool { totals.conversions != 0 || totals.revenueMinor != 0 }
}

import AttributionCore
import AttributionStore
import Foundation
public import Protos
public import RPCServer
import ServiceKit

extension DashboardsService {
    /// QueryMetrics: the metrics layer widgets use, grouped as asked, with the previous period.
    public func queryMetrics(_ request: Attribution_V1_QueryMetricsRequest, context: ServerContext) async throws -> Attribution_V1_QueryMetricsResponse {
        guard let model = MetricProto.model(request.model) else { throw FieldError("model", "is required (an attribution model)") }
        guard let window = MetricProto.window(request.window) else { throw FieldError("window", "is required (an attribution window)") }
        guard request.hasDateRange else { throw FieldError("date_range", "is required") }
        let (first, last) = try MetricProto.days(
            request.dateRange, "date_range", maximumDays: MetricsQuery.maximumDays, today: CalendarDay(now()))
        let channels = try Validate.strings(request.channels, "channels", maximum: 50, length: 64, noun: "channels")
        let grouping: MetricsGrouping
        switch request.groupBy {
        case .unspecified, .channel: grouping = .channel
        case .campaign: grouping = .campaign
        case .day: grouping = .day
        case .week: grouping = .week
        case .month: grouping = .month
        case .UNRECOGNIZED: throw FieldError("group_by", "is not a grouping (channel, campaign, day, week or month)")
        }
        let query = try MetricsQuery(first: first, last: last, model: model, window: window, channels: channels)
        let (current, previous) = try await metrics.groups(
            query, comparedWith: query.previousPeriod, by: grouping, tenantID: context.tenantID)
        let currency = current.total.totals.currency ?? previous.total.totals.currency ?? ""
        var response = Attribution_V1_QueryMetricsResponse()
        response.dateRange = MetricProto.range(query)
        response.previousDateRange = MetricProto.range(query.previousPeriod)
        response.totals = MetricProto.values(current.total.totals, currency: currency)
        response.previousTotals = MetricProto.values(previous.total.totals, currency: currency)
        response.delta = MetricProto.delta(MetricDelta(current: current.total.totals, previous: previous.total.totals))
        response.rows = Self.rows(current, previous, currency: currency)
        return response
    }

    /// The response rows: time groups as they come; channel and campaign
    /// groups joined with the previous period's, by revenue then name.
    static func rows(_ current: MetricsGroups, _ previous: MetricsGroups, currency: String) -> [Attribution_V1_MetricsRow] {
        if current.grouping.isTime {
            return current.groups.map { group in
                var row = Attribution_V1_MetricsRow()
                if let period = group.period { row.periodStart = Attribution_V1_Date(period) }
                row.values = MetricProto.values(group.totals, currency: currency)
                return row
            }
        }
        struct Key: Hashable { var channel: String, campaign: String }
        var pairs: [Key: (now: MetricTotals, then: MetricTotals)] = [:]
        for group in current.groups { pairs[Key(channel: group.channel, campaign: group.campaign), default: (MetricTotals(), MetricTotals())].now = group.totals }
        for group in previous.groups { pairs[Key(channel: group.channel, campaign: group.campaign), default: (MetricTotals(), MetricTotals())].then = group.totals }
        return pairs.sorted { ($0.value.now.revenueMinor, $1.key.channel, $1.key.campaign) > ($1.value.now.revenueMinor, $0.key.channel, $0.key.campaign) }
            .map { key, pair in
                var row = Attribution_V1_MetricsRow()
                row.channel = key.channel
                row.campaign = key.campaign
                row.values = MetricProto.values(pair.now, currency: currency)
                row.previousValues = MetricProto.values(pair.then, currency: currency)
                row.delta = MetricProto.delta(MetricDelta(current: pair.now, previous: pair.then))
                return row
            }
    }
}

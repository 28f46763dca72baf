import AttributionStore
import Protos

/// A widget's data from the metrics layer's groups (pure: the handler reads
/// the groups, this shapes them as dashboards.proto documents).
enum WidgetData {
    static let otherLabel = "Other"

    /// KPI: the value over the range against the comparison period's, or a target.
    static func kpi(
        _ metric: Attribution_V1_MetricName, current: MetricsGroups, comparison: MetricsGroups?, comparisonRange: Attribution_V1_DateRange?,
        mode: Attribution_V1_KpiComparison, target: Double?, currency: String
    ) -> Attribution_V1_KpiData {
        kpi(
            metric, value: MetricProto.number(metric, current.total), comparison: comparison.map { MetricProto.number(metric, $0.total) },
            comparisonRange: comparisonRange, mode: mode, target: target, currency: currency)
    }

    /// KPI from the metric's numbers (in its unit: minor units for money, percent for revenue share).
    static func kpi(
        _ metric: Attribution_V1_MetricName, value: Double, comparison: Double?, comparisonRange: Attribution_V1_DateRange?,
        mode: Attribution_V1_KpiComparison, target: Double?, currency: String
    ) -> Attribution_V1_KpiData {
        var data = Attribution_V1_KpiData()
        let compared = target ?? comparison ?? 0
        data.value = MetricProto.value(metric, number: value, currency: currency)
        data.previousValue = MetricProto.value(metric, number: compared, currency: currency)
        data.comparison = mode
        if let comparisonRange { data.comparisonRange = comparisonRange }
        if let target { data.target = MetricProto.value(metric, number: target, currency: currency) }
        if MetricProto.isPercentage(metric) {
            data.changePoints = value - compared
        } else {
            data.changePercent = compared == 0 ? 0 : (value - compared) / compared * 100
        }
        return data
    }

    /// Line (and bar over time): one series per metric, a point per period, zero-filled.
    static func series(
        _ metrics: [Attribution_V1_MetricName], _ groups: MetricsGroups, granularity: Attribution_V1_SeriesGranularity, currency: String
    ) -> Attribution_V1_SeriesData {
        var data = Attribution_V1_SeriesData()
        data.granularity = granularity
        data.series = metrics.map { metric in
            var series = Attribution_V1_Series()
            series.metric = metric
            series.points = groups.groups.map { group in
                var point = Attribution_V1_SeriesPoint()
                if let period = group.period { point.date = Attribution_V1_Date(period) }
                point.value = MetricProto.value(metric, group, currency: currency)
                return point
            }
            return series
        }
        return data
    }

    /// The groups by the first metric, descending (then by label), the ones past
    /// `limit - 1` combined into "Other" when more than `limit` remain.
    static func ranked(_ groups: [MetricsGroup], by metric: Attribution_V1_MetricName, limit: Int) -> [MetricsGroup] {
        let sorted = groups.sorted {
            let (left, right) = (MetricProto.number(metric, $0), MetricProto.number(metric, $1))
            return left != right ? left > right : label($0) < label($1)
        }
        guard sorted.count > limit else { return sorted }
        var other = MetricsGroup(channel: otherLabel, allChannelsRevenueMinor: sorted[0].allChannelsRevenueMinor)
        for group in sorted[(limit - 1)...] { other.totals.add(group.totals) }
        return Array(sorted[..<(limit - 1)]) + [other]
    }

    static func label(_ group: MetricsGroup) -> String {
        group.campaign.isEmpty ? group.channel : "\(group.channel) / \(group.campaign)"
    }

    /// Table (and bar per channel): rows by the first metric, at most `limit`, and the totals.
    static func table(_ metrics: [Attribution_V1_MetricName], _ groups: MetricsGroups, limit: Int, currency: String) -> Attribution_V1_TableData {
        func row(_ group: MetricsGroup, label: String) -> Attribution_V1_TableRow {
            var row = Attribution_V1_TableRow()
            row.label = label
            row.values = metrics.map { MetricProto.value($0, group, currency: currency) }
            return row
        }
        var data = Attribution_V1_TableData()
        data.metrics = metrics
        data.rows = ranked(groups.groups, by: metrics[0], limit: limit).map { row($0, label: label($0)) }
        data.totals = row(groups.total, label: "Total")
        return data
    }

    /// Pie: positive slices, largest first, at most `limit` with "Other"; shares of their sum.
    static func pie(_ metric: Attribution_V1_MetricName, _ groups: MetricsGroups, limit: Int, currency: String) -> Attribution_V1_PieData {
        let positive = groups.groups.filter { MetricProto.number(metric, $0) > 0 }
        let slices = ranked(positive, by: metric, limit: limit)
        let sum = slices.reduce(0) { $0 + MetricProto.number(metric, $1) }
        var data = Attribution_V1_PieData()
        data.metric = metric
        data.slices = slices.map { group in
            var slice = Attribution_V1_PieSlice()
            slice.label = label(group)
            let number = MetricProto.number(metric, group)
            slice.value = MetricProto.value(metric, number: number, currency: currency)
            slice.sharePercent = sum == 0 ? 0 : number / sum * 100
            return slice
        }
        return data
    }
}

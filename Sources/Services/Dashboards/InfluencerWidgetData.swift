import AttributionCore
import AttributionStore
import Protos

/// An INFLUENCERS widget's data from the influencer metrics store's sums
/// (pure: the handler reads them, this shapes them as dashboards.proto
/// documents, as `WidgetData` does for channels).
enum InfluencerWidgetData {
    /// Line (and bar over time): one series per metric, a point per period (zero-filled by the store).
    static func series(
        _ metrics: [Attribution_V1_MetricName], _ periods: [(period: CalendarDay, totals: InfluencerTotals)],
        granularity: Attribution_V1_SeriesGranularity, currency: String
    ) -> Attribution_V1_SeriesData {
        var data = Attribution_V1_SeriesData()
        data.granularity = granularity
        data.series = metrics.map { metric in
            var series = Attribution_V1_Series()
            series.metric = metric
            series.points = periods.map { period, totals in
                var point = Attribution_V1_SeriesPoint()
                point.date = Attribution_V1_Date(period)
                point.value = InfluencerGroup(label: "", totals: totals).value(metric, currency: currency)
                return point
            }
            return series
        }
        return data
    }

    /// The influencers by the metric, descending (then by name, then id), the
    /// ones past `limit - 1` combined into "Other" when more than `limit` remain.
    static func ranked(_ groups: [InfluencerGroup], by metric: Attribution_V1_MetricName, limit: Int) -> [InfluencerGroup] {
        let sorted = groups.sorted {
            let (left, right) = ($0.number(metric), $1.number(metric))
            if left != right { return left > right }
            return ($0.label, $0.influencerID) < ($1.label, $1.influencerID)
        }
        guard sorted.count > limit else { return sorted }
        var other = InfluencerGroup(label: WidgetData.otherLabel, totals: InfluencerTotals())
        for group in sorted[(limit - 1)...] { other.totals.add(group.totals) }
        return Array(sorted[..<(limit - 1)]) + [other]
    }

    /// Table (and bar per influencer): rows by the first metric, at most `limit`, and the totals.
    static func table(
        _ metrics: [Attribution_V1_MetricName], _ groups: [InfluencerGroup], limit: Int, currency: String
    ) -> Attribution_V1_TableData {
        func row(_ group: InfluencerGroup) -> Attribution_V1_TableRow {
            var row = Attribution_V1_TableRow()
            row.label = group.label
            row.influencerID = group.influencerID
            row.values = metrics.map { group.value($0, currency: currency) }
            return row
        }
        var data = Attribution_V1_TableData()
        data.metrics = metrics
        data.rows = ranked(groups, by: metrics[0], limit: limit).map(row)
        data.totals = row(InfluencerGroup(label: "Total", totals: total(groups)))
        return data
    }

    /// Pie: positive slices, largest first, at most `limit` with "Other"; shares of their sum.
    static func pie(_ metric: Attribution_V1_MetricName, _ groups: [InfluencerGroup], limit: Int, currency: String) -> Attribution_V1_PieData {
        let slices = ranked(groups.filter { $0.number(metric) > 0 }, by: metric, limit: limit)
        let sum = slices.reduce(0) { $0 + $1.number(metric) }
        var data = Attribution_V1_PieData()
        data.metric = metric
        data.slices = slices.map { group in
            var slice = Attribution_V1_PieSlice()
            slice.label = group.label
            slice.value = group.value(metric, currency: currency)
            slice.sharePercent = sum == 0 ? 0 : group.number(metric) / sum * 100
            return slice
        }
        return data
    }

    static func total(_ groups: [InfluencerGroup]) -> InfluencerTotals {
        groups.reduce(into: InfluencerTotals()) { $0.add($1.totals) }
    }
}

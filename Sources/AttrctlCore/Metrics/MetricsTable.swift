import Foundation
import Protos

/// The table `attrctl metrics` prints.
enum MetricsTable {
    static func render(_ response: Attribution_V1_QueryMetricsResponse, grouping: Attribution_V1_MetricsGrouping) -> String {
        let range = "\(MetricsNames.day(response.dateRange.startDate)) to \(MetricsNames.day(response.dateRange.endDate))"
        let previous = "\(MetricsNames.day(response.previousDateRange.startDate)) to \(MetricsNames.day(response.previousDateRange.endDate))"
        let byTime = [.day, .week, .month].contains(grouping)
        let header = (byTime ? ["period"] : grouping == .campaign ? ["channel", "campaign"] : ["channel"])
            + ["revenue", "conversions", "spend", "roas"] + (byTime ? [] : ["previous revenue", "change"])
        let rows = response.rows.map { row in
            let key = byTime ? [MetricsNames.day(row.periodStart)] : grouping == .campaign ? [row.channel, row.campaign.isEmpty ? "-" : row.campaign] : [row.channel]
            return key + values(row.values) + (byTime ? [] : [MetricsNames.money(row.previousValues.revenue), MetricsNames.percent(row.delta.revenueChangePercent)])
        }
        let total = (byTime ? ["total"] : grouping == .campaign ? ["total", ""] : ["total"]) + values(response.totals)
            + (byTime ? [] : [MetricsNames.money(response.previousTotals.revenue), MetricsNames.percent(response.delta.revenueChangePercent)])
        let table = TableRenderer(header: header, rows: rows + [total]).render()
        let summary = "\(range), against \(previous): revenue \(MetricsNames.percent(response.delta.revenueChangePercent)), "
            + "conversions \(MetricsNames.percent(response.delta.conversionsChangePercent))"
        return response.rows.isEmpty ? "No attributed data \(range).\n" + summary : table + "\n" + summary
    }

    static func values(_ values: Attribution_V1_MetricValues) -> [String] {
        [MetricsNames.money(values.revenue), MetricsNames.number(values.conversions), MetricsNames.money(values.spend), String(format: "%.2f", values.roas)]
    }
}

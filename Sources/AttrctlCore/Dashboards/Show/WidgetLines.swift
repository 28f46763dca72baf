import Foundation
import Protos

/// The lines inside one widget's box, for `inner` columns: KPI value and
/// change, block sparklines and bars, tables, pie as a bar of shares, text.
enum WidgetLines {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let shades: [Character] = ["█", "▓", "▒", "░", "▚", "▞", "▖", "▗", "▘", "▝"]

    static func lines(_ widget: Attribution_V1_Widget, _ data: Attribution_V1_GetWidgetDataResponse?, inner: Int, rows: Int) -> [String] {
        if widget.type == .text { return text(data?.text.markdown ?? widget.config.markdown) }
        guard let data else { return ["(no data)"] }
        switch data.data {
        case .kpi(let kpi): return self.kpi(kpi)
        case .series(let series): return self.series(series, inner: inner)
        case .table(let table):
            return widget.type == .barChart
                ? bars(table, inner: inner) : self.table(table, inner: inner, label: widget.config.dataSource == .influencers ? "influencer" : "channel")
        case .pie(let pie): return self.pie(pie, inner: inner, rows: rows)
        case .text(let text): return self.text(text.markdown)
        case nil: return ["(no data)"]
        }
    }

    static func value(_ value: Attribution_V1_MetricValue) -> String {
        if case .money(let money) = value.value {
            let sign = money.amountMinor < 0 ? "-" : ""
            let magnitude = money.amountMinor.magnitude
            return "\(sign)\(grouped(magnitude / 100)).\(String(format: "%02d", Int(magnitude % 100))) \(money.currencyCode)"
        }
        if value.metric == .revenueShare { return String(format: "%.1f%%", value.number) }
        return value.number == value.number.rounded() && abs(value.number) < 1e15 ? grouped(UInt64(abs(value.number)), negative: value.number < 0)
            : String(format: "%.2f", value.number)
    }

    static func grouped(_ number: UInt64, negative: Bool = false) -> String {
        let digits = String(number)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (negative ? "-" : "") + out
    }

    static func kpi(_ kpi: Attribution_V1_KpiData) -> [String] {
        let against: String = switch kpi.comparison {
        case .target: "vs target \(value(kpi.target))"
        case .periodsAgo: "vs \(value(kpi.previousValue)) then"
        default: "vs \(value(kpi.previousValue)) before"
        }
        let change = kpi.value.metric == .revenueShare ? kpi.changePoints : kpi.changePercent
        let arrow = change > 0 ? "▲" : change < 0 ? "▼" : "="
        let amount = kpi.value.metric == .revenueShare ? String(format: "%+.1f pts", change) : String(format: "%+.1f%%", change)
        return [" " + value(kpi.value), " \(arrow) \(amount) \(against)"]
    }

    /// `average_order_value` for METRIC_NAME_AVERAGE_ORDER_VALUE.
    static func metricName(_ metric: Attribution_V1_MetricName) -> String {
        String(describing: metric).reduce(into: "") { name, character in
            name += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }

    static func number(_ value: Attribution_V1_MetricValue) -> Double {
        if case .money(let money) = value.value { return Double(money.amountMinor) }
        return value.number
    }

    /// One block sparkline per series, the points spread over the width.
    static func series(_ data: Attribution_V1_SeriesData, inner: Int) -> [String] {
        data.series.flatMap { series -> [String] in
            let values = series.points.map { number($0.value) }
            let highest = values.max() ?? 0
            let spark = String(values.map { value -> Character in
                highest <= 0 ? blocks[0] : blocks[min(blocks.count - 1, Int((value / highest * Double(blocks.count - 1)).rounded()))]
            })
            let step = max(1, inner / max(1, values.count))
            let stretched = String(spark.flatMap { String(repeating: $0, count: step) }.prefix(inner))
            let name = metricName(series.metric)
            let total = series.points.first.map { _ in "max \(value(series.points.max { number($0.value) < number($1.value) }!.value))" } ?? ""
            return [stretched, " \(name) \(total)"]
        }
    }

    static func bars(_ table: Attribution_V1_TableData, inner: Int) -> [String] {
        let labelWidth = min(14, table.rows.map(\.label.count).max() ?? 0)
        let values = table.rows.map { $0.values.first.map(number) ?? 0 }
        let highest = values.max() ?? 0
        return zip(table.rows, values).map { row, amount in
            let shown = row.values.first.map(value) ?? ""
            let room = max(1, inner - labelWidth - shown.count - 3)
            let length = highest <= 0 ? 0 : Int((amount / highest * Double(room)).rounded())
            let label = String(row.label.prefix(labelWidth)).padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            return " \(label) " + String(repeating: "█", count: max(0, length)) + " " + shown
        }
    }

    static func table(_ table: Attribution_V1_TableData, inner: Int, label: String = "channel") -> [String] {
        let header = [label] + table.metrics.map(metricName)
        let rows = (table.rows + [table.totals]).map { [$0.label] + $0.values.map(value) }
        return TableRenderer(header: header, rows: rows).render(width: inner).split(separator: "\n").map { " " + $0 }
    }

    /// A bar of shares, one shade per slice, then a legend.
    static func pie(_ pie: Attribution_V1_PieData, inner: Int, rows: Int) -> [String] {
        let width = max(1, inner - 2)
        var bar = ""
        for (index, slice) in pie.slices.enumerated() {
            let length = index == pie.slices.count - 1 ? width - bar.count : Int((slice.sharePercent / 100 * Double(width)).rounded())
            bar += String(repeating: shades[index % shades.count], count: max(0, min(length, width - bar.count)))
        }
        let legend = pie.slices.enumerated().map { index, slice in
            " \(shades[index % shades.count]) \(slice.label) \(String(format: "%.1f%%", slice.sharePercent)) \(value(slice.value))"
        }
        return [" " + bar] + legend
    }

    static func text(_ markdown: String) -> [String] {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            " " + line.replacing(/^#+\s*/, with: "").replacing("**", with: "")
        }
    }
}

public import AttributionCore

/// The daily roll-up over a query's range: per day and channel, per
/// channel, in total, and the totals of the previous period of the same length.
public struct MetricsReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var day: CalendarDay
        public var channel: String
        public var totals: MetricTotals
    }

    /// Per (day, channel), by day then channel; days without data are absent.
    public var rows: [Row]
    /// Per channel over the range, by revenue, highest first.
    public var channels: [(channel: String, totals: MetricTotals)]
    public var totals: MetricTotals
    public var previousTotals: MetricTotals

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.rows == rhs.rows && lhs.totals == rhs.totals && lhs.previousTotals == rhs.previousTotals
            && lhs.channels.map(\.channel) == rhs.channels.map(\.channel)
            && lhs.channels.map(\.totals) == rhs.channels.map(\.totals)
    }

    /// Revenue now minus revenue then.
    public var revenueChangeMinor: Int64 { totals.revenueMinor - previousTotals.revenueMinor }

    /// Relative revenue change in percent; 0 when the previous revenue was zero.
    public var revenueChangePercent: Double {
        previousTotals.revenueMinor == 0 ? 0 : Double(revenueChangeMinor) / Double(previousTotals.revenueMinor) * 100
    }
}

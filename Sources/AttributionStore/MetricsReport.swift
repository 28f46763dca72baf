public import AttributionCore

/// The daily roll-up over a query's range: per day and channel, per
/// channel, in total, and each against the previous period of the same length.
public struct MetricsReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var day: CalendarDay
        public var channel: String
        public var totals: MetricTotals
    }

    /// Per (day, channel), by day then channel; days without data are absent.
    public var rows: [Row]
    /// Every channel with data in the range or in the previous period (a
    /// channel that had data only then shows zero totals and its drop), by
    /// revenue in the range, highest first, then by name.
    public var channels: [Channel]
    public var totals: MetricTotals
    public var previousTotals: MetricTotals

    /// The change of the totals against the previous period.
    public var delta: MetricDelta { MetricDelta(current: totals, previous: previousTotals) }
}

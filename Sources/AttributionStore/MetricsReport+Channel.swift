extension MetricsReport {
    /// One channel over the range and over the previous period of the same
    /// length (common.proto's ChannelMetrics).
    public struct Channel: Sendable, Equatable {
        public var channel: String
        public var totals: MetricTotals
        public var previousTotals: MetricTotals

        /// The channel's change against the previous period.
        public var delta: MetricDelta { MetricDelta(current: totals, previous: previousTotals) }
    }
}

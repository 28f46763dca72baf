public import AttributionCore

/// One group of the daily roll-up (see `MetricsGrouping`) over a query's range.
public struct MetricsGroup: Sendable, Equatable {
    /// The channel, for the channel and campaign groupings; "" otherwise.
    public var channel: String
    /// The campaign, for the campaign grouping ("" where none was recorded); "" otherwise.
    public var campaign: String
    /// The group's first day within the range, for the time groupings.
    public var period: CalendarDay?
    /// The selected channels' sums.
    public var totals: MetricTotals
    /// Every channel's revenue over the group's days, whatever the channel
    /// filter (the base of revenue share); for the channel and campaign
    /// groupings, over the whole range.
    public var allChannelsRevenueMinor: Int64

    public init(
        channel: String = "", campaign: String = "", period: CalendarDay? = nil, totals: MetricTotals = MetricTotals(),
        allChannelsRevenueMinor: Int64 = 0
    ) {
        self.channel = channel
        self.campaign = campaign
        self.period = period
        self.totals = totals
        self.allChannelsRevenueMinor = allChannelsRevenueMinor
    }

    /// The group's revenue as a percentage of every channel's; 0 without revenue.
    public var revenueSharePercent: Double {
        allChannelsRevenueMinor == 0 ? 0 : Double(totals.revenueMinor) / Double(allChannelsRevenueMinor) * 100
    }
}

/// A query's range grouped (see `MetricsReader.groups`): the groups and their sum.
public struct MetricsGroups: Sendable, Equatable {
    public var grouping: MetricsGrouping
    /// Channel and campaign groupings: the selected channels with data, by
    /// channel then campaign. Time groupings: one per period, oldest first,
    /// zero-filled. Total: exactly one.
    public var groups: [MetricsGroup]
    /// The selected channels over the whole range, and every channel's revenue.
    public var total: MetricsGroup
}

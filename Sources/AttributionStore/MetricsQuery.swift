public import AttributionCore

/// What to read from the daily roll-up: a day range (inclusive), one model
/// and window, and optionally some channels.
public struct MetricsQuery: Sendable, Hashable {
    public var first: CalendarDay
    public var last: CalendarDay
    public var model: AttributionModel
    public var window: AttributionWindow
    /// Empty: every channel.
    public var channels: [String]

    /// The longest range one query may span.
    public static let maximumDays = 731

    public init(first: CalendarDay, last: CalendarDay, model: AttributionModel, window: AttributionWindow, channels: [String] = []) {
        precondition(first <= last, "the range must not end before it starts")
        self.first = first
        self.last = last
        self.model = model
        self.window = window
        self.channels = channels
    }

    public var dayCount: Int { first.days(to: last) + 1 }

    /// The period of the same length just before this one, for deltas.
    public var previousPeriod: MetricsQuery {
        var previous = self
        previous.last = first.adding(days: -1)
        previous.first = first.adding(days: -dayCount)
        return previous
    }
}

public import AttributionCore

/// What to read from the daily roll-up: a day range (inclusive) of at most
/// `maximumDays` days, one model and window, and optionally some channels.
public struct MetricsQuery: Sendable, Hashable {
    public private(set) var first: CalendarDay
    public private(set) var last: CalendarDay
    public var model: AttributionModel
    public var window: AttributionWindow
    /// Empty: every channel.
    public var channels: [String]

    /// The longest range one query may span, in days (two years).
    public static let maximumDays = 731

    /// Why a range cannot be queried; `reason` is fit to show the caller.
    public struct InvalidRange: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Throws `InvalidRange` when `last` is before `first` or the range spans
    /// more than `maximumDays` days.
    public init(
        first: CalendarDay, last: CalendarDay, model: AttributionModel, window: AttributionWindow, channels: [String] = []
    ) throws(InvalidRange) {
        guard first <= last else {
            throw InvalidRange(reason: "the range ends (\(last)) before it starts (\(first))")
        }
        let days = first.days(to: last) + 1
        guard days <= Self.maximumDays else {
            throw InvalidRange(reason: "the range spans \(days) days; at most \(Self.maximumDays) days can be queried at once")
        }
        self.first = first
        self.last = last
        self.model = model
        self.window = window
        self.channels = channels
    }

    public var dayCount: Int { first.days(to: last) + 1 }

    /// The period of the same length just before this one, for deltas.
    /// This period and the previous one as one range (they are contiguous).
    var throughPreviousPeriod: MetricsQuery {
        var both = self
        both.first = previousPeriod.first
        return both
    }

    public var previousPeriod: MetricsQuery {
        var previous = self
        previous.last = first.adding(days: -1)
        previous.first = first.adding(days: -dayCount)
        return previous
    }

    /// The period of the same length `periods` lengths before this one
    /// (1: `previousPeriod`).
    public func shifted(periods: Int) -> MetricsQuery {
        var shifted = self
        shifted.first = first.adding(days: -dayCount * periods)
        shifted.last = last.adding(days: -dayCount * periods)
        return shifted
    }
}

public import AttributionCore

/// How `MetricsReader.groups` groups the daily roll-up: by channel, by
/// channel and campaign, by day, ISO week or calendar month, or not at all.
public enum MetricsGrouping: String, Sendable, Hashable, CaseIterable {
    case channel, campaign, day, week, month, total

    /// Whether groups are periods of time (zero-filled, oldest first).
    public var isTime: Bool { self == .day || self == .week || self == .month }

    /// The first day of each group over `first...last`, clipped to the range:
    /// every day; `first` then every Monday after; `first` then every first of
    /// a month after. Empty for the other groupings.
    public func periods(from first: CalendarDay, through last: CalendarDay) -> [CalendarDay] {
        guard isTime, first <= last else { return [] }
        var starts: [CalendarDay] = []
        var day = first
        while day <= last {
            if starts.isEmpty || self == .day || (self == .week && day.isMonday) || (self == .month && day.day == 1) {
                starts.append(day)
            }
            day = day.adding(days: 1)
        }
        return starts
    }

    /// The SQL of the group's channel, campaign and period columns; `$3` is the range's first day.
    var keyColumns: String {
        switch self {
        case .channel: "channel, ''::text AS campaign, NULL::text AS period"
        case .campaign: "channel, campaign, NULL::text AS period"
        case .day: "''::text AS channel, ''::text AS campaign, day::text AS period"
        case .week: "''::text AS channel, ''::text AS campaign, GREATEST(date_trunc('week', day::timestamp)::date, $3::date)::text AS period"
        case .month: "''::text AS channel, ''::text AS campaign, GREATEST(date_trunc('month', day::timestamp)::date, $3::date)::text AS period"
        case .total: "''::text AS channel, ''::text AS campaign, NULL::text AS period"
        }
    }

    var groupBy: String {
        switch self {
        case .channel: "GROUP BY 1 ORDER BY 1"
        case .campaign: "GROUP BY 1, 2 ORDER BY 1, 2"
        case .day, .week, .month: "GROUP BY 3 ORDER BY 3"
        case .total: "GROUP BY ()"
        }
    }
}

extension CalendarDay {
    /// Whether the day is a Monday (1970-01-05 was one).
    var isMonday: Bool { ((CalendarDay(year: 1970, month: 1, day: 5)!.days(to: self) % 7) + 7) % 7 == 0 }
}

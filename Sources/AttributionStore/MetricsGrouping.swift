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

    /// The SQL of the group's channel, campaign and period columns; `first`
    /// is the SQL of the range's first day (a week or month is clipped to it).
    func keyColumns(first: String) -> String {
        switch self {
        case .channel: "channel, ''::text AS campaign, NULL::text AS period"
        case .campaign: "channel, campaign, NULL::text AS period"
        case .day: "''::text AS channel, ''::text AS campaign, day::text AS period"
        case .week: "''::text AS channel, ''::text AS campaign, GREATEST(date_trunc('week', day::timestamp)::date, \(first))::text AS period"
        case .month: "''::text AS channel, ''::text AS campaign, GREATEST(date_trunc('month', day::timestamp)::date, \(first))::text AS period"
        case .total: "''::text AS channel, ''::text AS campaign, NULL::text AS period"
        }
    }

    /// The output columns (by position) the groups are made of.
    private var groupColumns: [Int] {
        switch self {
        case .channel: [1]
        case .campaign: [1, 2]
        case .day, .week, .month: [3]
        case .total: []
        }
    }

    /// GROUP BY and ORDER BY of the group columns, and of the output column
    /// `side` (by position) when one statement reads two ranges.
    func groupBy(side: Int?) -> String {
        let grouped = groupColumns + (side.map { [$0] } ?? [])
        let groupBy = grouped.isEmpty ? "GROUP BY ()" : "GROUP BY " + grouped.map(String.init).joined(separator: ", ")
        return groupColumns.isEmpty ? groupBy : groupBy + " ORDER BY " + groupColumns.map(String.init).joined(separator: ", ")
    }
}

extension CalendarDay {
    /// Whether the day is a Monday (1970-01-05 was one).
    var isMonday: Bool { ((CalendarDay(year: 1970, month: 1, day: 5)!.days(to: self) % 7) + 7) % 7 == 0 }
}

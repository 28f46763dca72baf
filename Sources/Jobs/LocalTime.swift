import Foundation

/// A wall-clock time without a zone ("naive"), as seconds since 1970 read
/// as if UTC, with the calendar arithmetic schedules need.
struct LocalTime: Hashable {
    let seconds: Int

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    init(seconds: Int) {
        self.seconds = seconds
    }

    /// The wall-clock time `instant` shows in `zone`.
    init(_ instant: Date, in zone: TimeZone) {
        let utc = Int(instant.timeIntervalSince1970.rounded(.down))
        seconds = utc + zone.secondsFromGMT(for: instant)
    }

    private var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    private var components: DateComponents {
        Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
    }
    private static func from(_ components: DateComponents) -> LocalTime {
        LocalTime(seconds: Int(utc.date(from: components)!.timeIntervalSince1970))
    }

    var hourStart: LocalTime { LocalTime(seconds: seconds - seconds.modulo(3600)) }
    var dayStart: LocalTime { LocalTime(seconds: seconds - seconds.modulo(86_400)) }
    var monthStart: LocalTime {
        let parts = components
        return Self.from(DateComponents(year: parts.year, month: parts.month, day: 1))
    }
    var weekday: Int { components.weekday! }

    func adding(hours: Int) -> LocalTime { LocalTime(seconds: seconds + hours * 3600) }
    func adding(days: Int) -> LocalTime { LocalTime(seconds: seconds + days * 86_400) }
    func adding(months: Int) -> LocalTime {
        LocalTime(seconds: Int(Self.utc.date(byAdding: .month, value: months, to: date)!.timeIntervalSince1970))
    }

    /// `day` of this month, or its last day when it is shorter.
    func clampedDay(_ day: Int) -> LocalTime {
        let length = Self.utc.range(of: .day, in: .month, for: date)!.count
        return monthStart.adding(days: min(day, length) - 1)
    }

    /// This hour at `minute`.
    func at(minute: Int) -> LocalTime { LocalTime(seconds: hourStart.seconds + minute * 60) }
    /// This day at `hour`:`minute`.
    func at(hour: Int, minute: Int) -> LocalTime { LocalTime(seconds: dayStart.seconds + hour * 3600 + minute * 60) }

    /// The instant this wall-clock time is in `zone`: its first occurrence
    /// when it occurs twice; the next minute that exists when a DST change
    /// skipped it.
    func resolved(in zone: TimeZone) -> Date {
        var candidate = self
        while true {
            if let instant = candidate.occurrences(in: zone).min() { return instant }
            candidate = LocalTime(seconds: candidate.seconds + 60)
        }
    }

    /// Every instant showing this wall-clock time in `zone` (none, one or two).
    private func occurrences(in zone: TimeZone) -> [Date] {
        let naive = date
        let offsets = Set([-86_400.0, 0, 86_400].map { zone.secondsFromGMT(for: naive.addingTimeInterval($0)) })
        return offsets.compactMap { offset in
            let instant = naive.addingTimeInterval(TimeInterval(-offset))
            return zone.secondsFromGMT(for: instant) == offset ? instant : nil
        }
    }
}

extension Int {
    /// The non-negative remainder.
    func modulo(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}

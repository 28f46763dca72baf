public import Foundation

/// When a periodic job fires: hourly, daily, weekly or monthly at a minute,
/// hour and day in an IANA time zone, the next fire time computed in that
/// zone (see ``next(after:)``).
public struct Schedule: Sendable, Hashable {
    public enum Cadence: Sendable, Hashable {
        case hourly(minute: Int)
        case daily(hour: Int, minute: Int)
        case weekly(Weekday, hour: Int, minute: Int)
        /// Day 29–31 fires on the last day of a shorter month.
        case monthly(day: Int, hour: Int, minute: Int)
    }

    /// Calendar weekday numbers (Sunday is 1).
    public enum Weekday: Int, Sendable, Hashable, CaseIterable {
        case sunday = 1, monday, tuesday, wednesday, thursday, friday, saturday
    }

    public let cadence: Cadence
    public let timeZone: TimeZone

    /// Fails with a message naming the field when a value is out of range or
    /// the zone is not an IANA name.
    public init(_ cadence: Cadence, timeZone identifier: String) throws(ScheduleError) {
        guard let zone = TimeZone(identifier: identifier) else { throw ScheduleError(field: "time_zone", "unknown time zone \(identifier)") }
        let (day, hour, minute): (Int?, Int?, Int) = switch cadence {
        case .hourly(let minute): (nil, nil, minute)
        case .daily(let hour, let minute), .weekly(_, let hour, let minute): (nil, hour, minute)
        case .monthly(let day, let hour, let minute): (day, hour, minute)
        }
        guard (0...59).contains(minute) else { throw ScheduleError(field: "minute", "\(minute) is not in 0...59") }
        if let hour, !(0...23).contains(hour) { throw ScheduleError(field: "hour", "\(hour) is not in 0...23") }
        if let day, !(1...31).contains(day) { throw ScheduleError(field: "day", "\(day) is not in 1...31") }
        self.cadence = cadence
        self.timeZone = zone
    }

    /// The first fire time strictly after `instant`. Local times are
    /// resolved in the zone: one skipped by a DST change fires at the next
    /// valid minute; one that occurs twice fires once, at its first occurrence.
    public func next(after instant: Date) -> Date {
        let local = LocalTime(instant, in: timeZone)
        // Start a period early: a candidate's resolution may move it later.
        switch cadence {
        case .hourly(let minute):
            return first(after: instant) { step in local.hourStart.adding(hours: step - 1).at(minute: minute) }
        case .daily(let hour, let minute):
            return first(after: instant) { step in local.dayStart.adding(days: step - 1).at(hour: hour, minute: minute) }
        case .weekly(let weekday, let hour, let minute):
            let start = local.dayStart.adding(days: -1)
            let offset = (weekday.rawValue - start.weekday + 7) % 7
            return first(after: instant) { step in start.adding(days: offset + 7 * step).at(hour: hour, minute: minute) }
        case .monthly(let day, let hour, let minute):
            return first(after: instant) { step in
                local.monthStart.adding(months: step - 1).clampedDay(day).at(hour: hour, minute: minute)
            }
        }
    }

    /// The first of the candidates (local times, for steps 0, 1, 2, …) that
    /// resolves to an instant after `instant`.
    private func first(after instant: Date, _ candidate: (Int) -> LocalTime) -> Date {
        var step = 0
        while true {
            let resolved = candidate(step).resolved(in: timeZone)
            if resolved > instant { return resolved }
            step += 1
        }
    }
}

/// A schedule's field out of range, or an unknown time zone.
public struct ScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String

    init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

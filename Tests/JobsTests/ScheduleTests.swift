import Foundation
@testable import Jobs
import Testing

/// Fire times computed in the schedule's zone, across DST changes, month
/// ends and weekdays. Expected instants are written in UTC.
@Suite("Jobs: schedules")
struct ScheduleTests {
    func utc(_ text: String) throws -> Date {
        try Date.ISO8601FormatStyle().parse(text)
    }

    /// `count` successive fire times after `start`.
    func fires(_ cadence: Schedule.Cadence, _ zone: String, after start: String, count: Int) throws -> [String] {
        let schedule = try Schedule(cadence, timeZone: zone)
        var instant = try utc(start)
        return (0..<count).map { _ in
            instant = schedule.next(after: instant)
            return instant.formatted(.iso8601)
        }
    }

    @Test func newYorkSpringForwardSkippedTimeFiresAtTheNextValidMinute() throws {
        // 8 March 2026: 02:00 EST becomes 03:00 EDT; 02:30 does not exist.
        #expect(try fires(.daily(hour: 2, minute: 30), "America/New_York", after: "2026-03-07T12:00:00Z", count: 3) == [
            "2026-03-08T07:00:00Z",  // 03:00 EDT
            "2026-03-09T06:30:00Z",  // 02:30 EDT
            "2026-03-10T06:30:00Z",
        ])
    }

    @Test func newYorkFallBackRepeatedTimeFiresOnce() throws {
        // 1 November 2026: 02:00 EDT becomes 01:00 EST; 01:30 occurs twice.
        #expect(try fires(.daily(hour: 1, minute: 30), "America/New_York", after: "2026-10-31T12:00:00Z", count: 2) == [
            "2026-11-01T05:30:00Z",  // 01:30 EDT, the first occurrence
            "2026-11-02T06:30:00Z",  // 01:30 EST the next day; not 06:30Z on the 1st
        ])
        #expect(try fires(.hourly(minute: 30), "America/New_York", after: "2026-11-01T04:00:00Z", count: 3) == [
            "2026-11-01T04:30:00Z",  // 00:30 EDT
            "2026-11-01T05:30:00Z",  // 01:30 EDT
            "2026-11-01T07:30:00Z",  // 02:30 EST: the repeated 01:30 EST (06:30Z) is not a second tick
        ])
    }

    @Test func londonBothChanges() throws {
        // 29 March 2026: 01:00 GMT becomes 02:00 BST.
        #expect(try fires(.daily(hour: 1, minute: 30), "Europe/London", after: "2026-03-28T12:00:00Z", count: 2) == [
            "2026-03-29T01:00:00Z",  // 02:00 BST, the next valid minute
            "2026-03-30T00:30:00Z",  // 01:30 BST
        ])
        // 25 October 2026: 02:00 BST becomes 01:00 GMT.
        #expect(try fires(.hourly(minute: 30), "Europe/London", after: "2026-10-25T00:00:00Z", count: 2) == [
            "2026-10-25T00:30:00Z",  // 01:30 BST
            "2026-10-25T02:30:00Z",  // 02:30 GMT
        ])
    }

    @Test func lordHoweHalfHourShift() throws {
        // 4 October 2026: 02:00 (+10:30) becomes 02:30 (+11); 02:15 does not exist.
        #expect(try fires(.daily(hour: 2, minute: 15), "Australia/Lord_Howe", after: "2026-10-03T00:00:00Z", count: 2) == [
            "2026-10-03T15:30:00Z",  // 02:30 +11
            "2026-10-04T15:15:00Z",  // 02:15 +11
        ])
        // 5 April 2026: 02:00 (+11) becomes 01:30 (+10:30); 01:45 occurs twice.
        #expect(try fires(.daily(hour: 1, minute: 45), "Australia/Lord_Howe", after: "2026-04-04T00:00:00Z", count: 2) == [
            "2026-04-04T14:45:00Z",  // 01:45 +11, the first occurrence
            "2026-04-05T15:15:00Z",  // 01:45 +10:30 the next day
        ])
    }

    @Test func kolkataHasNoDSTAndAHalfHourOffset() throws {
        #expect(try fires(.daily(hour: 9, minute: 0), "Asia/Kolkata", after: "2026-03-07T12:00:00Z", count: 2) == [
            "2026-03-08T03:30:00Z", "2026-03-09T03:30:00Z",
        ])
        #expect(try fires(.hourly(minute: 0), "Asia/Kolkata", after: "2026-03-07T12:00:00Z", count: 2) == [
            "2026-03-07T12:30:00Z", "2026-03-07T13:30:00Z",
        ])
    }

    @Test func monthEndsAndTheTwentyNinthOfFebruary() throws {
        #expect(try fires(.monthly(day: 31, hour: 0, minute: 0), "UTC", after: "2026-01-31T12:00:00Z", count: 3) == [
            "2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z",
        ])
        #expect(try fires(.monthly(day: 29, hour: 0, minute: 0), "UTC", after: "2028-01-29T12:00:00Z", count: 2) == [
            "2028-02-29T00:00:00Z", "2028-03-29T00:00:00Z",
        ])
        #expect(try fires(.monthly(day: 30, hour: 0, minute: 0), "UTC", after: "2027-01-30T12:00:00Z", count: 2) == [
            "2027-02-28T00:00:00Z", "2027-03-30T00:00:00Z",
        ])
    }

    @Test(arguments: zip(Schedule.Weekday.allCases, 6...12))
    func weeklyOnEachWeekday(_ weekday: Schedule.Weekday, day: Int) throws {
        // Saturday 5 December 2026, 12:00 UTC: Saturday's 09:00 has passed.
        #expect(try fires(.weekly(weekday, hour: 9, minute: 0), "UTC", after: "2026-12-05T12:00:00Z", count: 2) == [
            String(format: "2026-12-%02dT09:00:00Z", day), String(format: "2026-12-%02dT09:00:00Z", day + 7),
        ])
    }

    @Test func weeklyInAZoneAheadOfUTC() throws {
        // Monday 09:00 in Kolkata is Monday 03:30 UTC.
        #expect(try fires(.weekly(.monday, hour: 9, minute: 0), "Asia/Kolkata", after: "2026-12-05T12:00:00Z", count: 1) == [
            "2026-12-07T03:30:00Z"
        ])
    }

    @Test func outOfRangeFieldsAreNamed() {
        #expect(throws: ScheduleError(field: "minute", "60 is not in 0...59")) { try Schedule(.hourly(minute: 60), timeZone: "UTC") }
        #expect(throws: ScheduleError(field: "hour", "24 is not in 0...23")) { try Schedule(.daily(hour: 24, minute: 0), timeZone: "UTC") }
        #expect(throws: ScheduleError(field: "day", "32 is not in 1...31")) {
            try Schedule(.monthly(day: 32, hour: 0, minute: 0), timeZone: "UTC")
        }
        #expect(throws: ScheduleError(field: "time_zone", "unknown time zone Mars/Olympus")) {
            try Schedule(.hourly(minute: 0), timeZone: "Mars/Olympus")
        }
    }

    @Test func tickKeysRoundTripAndJitterMovesOnlyTheStart() throws {
        let schedule = try Schedule(.hourly(minute: 0), timeZone: "UTC")
        let kind = JobKind(name: "report") { _ in }
        let job = schedule.nextJob(of: kind, name: "r1", after: try utc("2026-12-05T12:10:00Z"), jitter: .seconds(60), unit: 0.5)
        #expect(job.uniqueKey == "r1@2026-12-05T13:00:00Z")
        #expect(job.runAt == (try utc("2026-12-05T13:00:30Z")))
        #expect(Schedule.tick(inUniqueKey: job.uniqueKey!) == (try utc("2026-12-05T13:00:00Z")))
    }
}

@testable import Storage
import Logging
import TestSupport
import Testing

@Suite("listener warnings while the database is down")
struct ListenerWarningTests {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    @Test func theFirstFailureIsLoggedThenOneSummaryPerIntervalThenTheRecovery() {
        let clock = ManualClock()
        var warnings = RepeatedFailureWarnings<ManualClock.Instant>(interval: .seconds(60))
        #expect(warnings.succeeded() == nil, "a success that ends no failures says nothing")
        #expect(warnings.failed(at: clock.now) == .first)
        for _ in 1...59 {
            clock.advance(by: .seconds(1))
            #expect(warnings.failed(at: clock.now) == nil)
        }
        clock.advance(by: .seconds(1))
        #expect(warnings.failed(at: clock.now) == .stillFailing(suppressed: 59))
        clock.advance(by: .seconds(1))
        #expect(warnings.failed(at: clock.now) == nil)
        #expect(warnings.succeeded() == .recovered(failures: 62))
        #expect(warnings.succeeded() == nil)
        // A new outage starts over: its first failure is logged at once.
        clock.advance(by: .seconds(1))
        #expect(warnings.failed(at: clock.now) == .first)
    }

    @Test func aListenerThatCannotReconnectForFiveMinutesLogsSixLines() {
        let logs = CapturedLogs()
        let clock = ManualClock()
        var log = PostgresListener.ConnectionLog(logger: logs.logger(), clock: clock, interval: .seconds(60))
        log.listening()
        for _ in 0..<300 {
            log.failed(Refused())
            clock.advance(by: .seconds(1))
        }
        log.listening()

        let lines = logs.all
        #expect(lines.count == 6)
        #expect(lines.first?.level == .warning)
        #expect(lines.first?.message == "PostgreSQL listener lost its connection; reconnecting")
        #expect(lines.first?.metadata["postgres_error"] == "connection refused")
        let summaries = lines.dropFirst().dropLast()
        #expect(summaries.count == 4)
        #expect(summaries.allSatisfy { $0.level == .warning && $0.metadata["postgres_failures_unlogged"] == "59" })
        #expect(lines.last?.level == .info)
        #expect(lines.last?.message == "PostgreSQL listener reconnected")
        #expect(lines.last?.metadata["postgres_failures"] == "300")
    }
}

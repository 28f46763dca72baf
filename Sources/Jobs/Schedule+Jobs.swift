public import Foundation
import Storage

extension Schedule {
    /// The job of the first tick of schedule `name` after `instant`, unique
    /// by schedule and tick (`name@2026-03-08T07:00:00Z`): however many
    /// replicas enqueue it, it is enqueued once. `jitter` delays its start by
    /// up to that much (`unit`, 0..<1, picks where), never its key.
    ///
    /// A periodic job enqueues its successor when it runs, after
    /// `max(now, its own tick)`: after downtime the missed ticks collapse
    /// into the one late run, and the next tick is in the future.
    public func nextJob(
        of kind: JobKind, name: String, after instant: Date, payload: String = "{}", jitter: Duration = .zero,
        unit: Double = 0
    ) -> NewJob {
        let tick = next(after: instant)
        let delay = jitter / .seconds(1) * min(max(unit, 0), 1)
        var job = kind.job(runAt: tick.addingTimeInterval(delay), uniqueKey: Self.uniqueKey(name: name, tick: tick))
        job.payload = .init(text: payload)
        return job
    }

    /// `name@tick`, the tick in UTC to the second.
    public static func uniqueKey(name: String, tick: Date) -> String {
        "\(name)@\(tick.formatted(.iso8601))"
    }

    /// The tick in a key `uniqueKey(name:tick:)` made.
    public static func tick(inUniqueKey key: String) -> Date? {
        guard let at = key.lastIndex(of: "@") else { return nil }
        return try? Date.ISO8601FormatStyle().parse(String(key[key.index(after: at)...]))
    }
}

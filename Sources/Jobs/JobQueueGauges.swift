public import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// Queue depth and the oldest due job's age for /metrics, read from the
/// database every `interval` (a metrics scrape reads the last figures, never
/// the database). One query per refresh, whatever the number of tenants.
public final class JobQueueGauges: Service, Sendable {
    let queue: JobQueue
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date
    private let figures = Mutex<[String: JobQueue.KindSummary]>([:])

    public init(queue: JobQueue, interval: Duration = .seconds(15), logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.queue = queue
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    /// Jobs due now, of `kind` or (nil) of every kind.
    public func due(_ kind: String? = nil) -> Double {
        figures.withLock { figures in
            Double(kind.map { figures[$0]?.due ?? 0 } ?? figures.values.reduce(0) { $0 + $1.due })
        }
    }

    /// Seconds the oldest due job of `kind` (nil: of any kind) has waited past its run-at; 0 when none is due.
    public func oldestDueAge(_ kind: String? = nil) -> Double {
        figures.withLock { figures in
            kind.map { figures[$0]?.oldestDueAge ?? 0 } ?? figures.values.map(\.oldestDueAge).max() ?? 0
        }
    }

    /// Reads the figures once.
    public func refresh() async throws {
        let summary = try await queue.dueSummary(now: now())
        figures.withLock { $0 = summary }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.refresh()
                } catch {
                    self.logger.debug("reading the job queue's figures failed", metadata: [JobsLogKey.error: "\(error)"])
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }
}

extension JobQueueGauges: CustomStringConvertible {
    public var description: String { "job queue gauges" }
}

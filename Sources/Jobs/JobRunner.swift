public import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// Runs the jobs of one kind on this replica, as a service of attrd's group:
/// claim rounds when woken (a NOTIFY at enqueue, through ``JobListener``, or
/// a job finishing) and every `pollInterval` as a safety net; at most
/// `kind.concurrency` jobs at once, each under a lease kept by heartbeats.
///
/// On graceful shutdown it claims nothing more and lets its running jobs
/// finish for up to `drainGrace`; then it cancels them and releases their
/// leases, so another replica takes them at once.
public final class JobRunner: Service, Sendable {
    public struct Configuration: Sendable {
        public var pollInterval: Duration = .seconds(5)
        public var drainGrace: Duration = .seconds(20)
        /// Who holds the leases this runner takes (unique per runner).
        public var owner: String = JobRunner.defaultOwner()

        public init() {}
    }

    public let kind: JobKind
    let queue: JobQueue
    let configuration: Configuration
    let logger: Logger
    let now: @Sendable () -> Date
    let clock: any Clock<Duration>
    let random: @Sendable () -> Double
    let signal = JobSignal()
    let running = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)

    /// `now` stamps the database (run-at, leases); `clock` times the waits
    /// (poll, heartbeat, drain); `random` is the retry jitter's 0..<1.
    public init(
        kind: JobKind, queue: JobQueue, configuration: Configuration = Configuration(), logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, clock: any Clock<Duration> = ContinuousClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.kind = kind
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.clock = clock
        self.random = random
    }

    /// Jobs of this kind running on this replica now.
    public var runningCount: Int { running.load(ordering: .relaxed) }

    /// Makes the runner claim now (work of its kind was enqueued).
    public func wake() { signal.signal() }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await serve()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.signal.signal()
        }
    }

    private enum Child { case job, drainDeadline }

    /// Claims and runs until shutdown, then drains.
    func serve() async {
        await withTaskGroup(of: Child.self) { group in
            while !stopping.load(ordering: .relaxed), !Task.isCancelled {
                let free = kind.concurrency - runningCount
                let claimed = free > 0 ? await claimRound(limit: free) : []
                for job in claimed {
                    running.add(1, ordering: .relaxed)
                    group.addTask {
                        await self.execute(job)
                        self.running.subtract(1, ordering: .relaxed)
                        self.signal.signal()
                        return .job
                    }
                }
                // A full round may have left more due work: claim again at once.
                if !claimed.isEmpty, claimed.count == free, runningCount < kind.concurrency { continue }
                await signal.wait(atMost: configuration.pollInterval, on: clock)
            }
            guard runningCount > 0 else { return }
            logger.info("draining jobs", metadata: [JobsLogKey.kind: "\(kind.name)", JobsLogKey.running: "\(runningCount)"])
            let grace = configuration.drainGrace
            let clock = clock
            group.addTask {
                try? await clock.sleep(for: grace)
                return .drainDeadline
            }
            while let child = await group.next() {
                if child == .drainDeadline {
                    logger.warning(
                        "jobs still running after the drain grace; releasing their leases",
                        metadata: [JobsLogKey.kind: "\(kind.name)", JobsLogKey.running: "\(runningCount)"])
                    group.cancelAll()
                } else if runningCount == 0 {
                    group.cancelAll()
                }
            }
        }
    }

    /// One claim round; a failure (database down) is logged and claims nothing.
    func claimRound(limit: Int) async -> [ClaimedJob] {
        do {
            return try await queue.claim(
                kind: kind.name, owner: configuration.owner, now: now(), lease: kind.lease, limit: limit)
        } catch {
            logger.warning("claiming jobs failed; the next round retries", metadata: [JobsLogKey.kind: "\(kind.name)", JobsLogKey.error: "\(error)"])
            return []
        }
    }

    /// A unique lease owner: host, process and a random part.
    public static func defaultOwner() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }
}

extension JobRunner: CustomStringConvertible {
    public var description: String { "job runner \(kind.name)" }
}

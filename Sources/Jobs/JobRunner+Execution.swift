import Foundation
import Logging

extension JobRunner {
    private enum Event: Sendable {
        case finished((any Error)?)
        case heartbeat(JobQueue.Heartbeat)
    }

    /// Runs one claimed job under heartbeats, then records how it ended.
    func execute(_ job: ClaimedJob) async {
        let context = JobContext(job: job, database: queue.database, now: now)
        let handler = kind.handler
        let ending: Event = await withTaskGroup(of: Event.self) { group in
            group.addTask {
                do {
                    try await handler(context)
                    return .finished(nil)
                } catch {
                    return .finished(error)
                }
            }
            group.addTask { await self.keepLease(job) }
            let first = await group.next() ?? .finished(CancellationError())
            group.cancelAll()
            return first
        }
        let outcome: JobQueue.Outcome?
        switch ending {
        case .heartbeat(.cancelRequested):
            outcome = .cancelled
        case .heartbeat where Task.isCancelled:
            outcome = .release
        case .heartbeat:
            logger.warning("a job's lease was lost while it ran; another worker has it", metadata: metadata(job))
            outcome = nil
        case .finished(nil):
            outcome = .succeeded
        case .finished(_) where Task.isCancelled:
            outcome = .release
        case .finished(let snooze as JobSnooze):
            outcome = .snooze(at: now().addingTimeInterval(snooze.delay / .seconds(1)))
        case .finished(let error?):
            outcome = failure(job, error)
        }
        guard let outcome else { return }
        await record(job, outcome)
    }

    /// Heartbeats every third of the lease until the lease is lost or a cancel is asked for.
    private func keepLease(_ job: ClaimedJob) async -> Event {
        while true {
            do {
                try await clock.sleep(for: kind.lease / 3)
            } catch {
                return .heartbeat(.held)  // cancelled: the handler ended first
            }
            do {
                let beat = try await queue.heartbeat(job, owner: configuration.owner, now: now(), lease: kind.lease)
                if beat != .held { return .heartbeat(beat) }
            } catch {
                if Task.isCancelled { return .heartbeat(.held) }
                logger.warning("a job's heartbeat failed; the next one retries", metadata: metadata(job, error))
            }
        }
    }

    private func failure(_ job: ClaimedJob, _ error: any Error) -> JobQueue.Outcome {
        let message = String("\(error)".prefix(2000))
        switch kind.retry.decision(afterAttempt: job.attempt, maxAttempts: job.maxAttempts, error: error, unit: random()) {
        case .retry(let delay):
            logger.info("a job failed; it will be retried", metadata: metadata(job, error))
            return .retry(at: now().addingTimeInterval(delay / .seconds(1)), error: message)
        case .discard:
            logger.warning("a job failed for good and was discarded", metadata: metadata(job, error))
            return .discard(error: message)
        }
    }

    /// Records the outcome outside the job's task, so that a cancellation
    /// (the drain's deadline) cannot cancel the record itself.
    private func record(_ job: ClaimedJob, _ outcome: JobQueue.Outcome) async {
        let queue = queue
        let owner = configuration.owner
        let now = now()
        let recorded = await Task {
            try await queue.finish(job, owner: owner, now: now, outcome: outcome)
        }.result
        switch recorded {
        case .success(true): break
        case .success(false):
            logger.warning("a job's lease was lost before its outcome was recorded", metadata: metadata(job))
        case .failure(let error):
            logger.warning("recording a job's outcome failed; its lease will expire and it runs again", metadata: metadata(job, error))
        }
    }

    func metadata(_ job: ClaimedJob, _ error: (any Error)? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            JobsLogKey.kind: "\(job.kind)", JobsLogKey.job: "\(job.id)", JobsLogKey.tenant: "\(job.tenantID)",
            JobsLogKey.attempt: "\(job.attempt)",
        ]
        if let error { metadata[JobsLogKey.error] = "\(error)" }
        return metadata
    }
}

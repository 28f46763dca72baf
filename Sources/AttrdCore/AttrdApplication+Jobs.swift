import Jobs
import ServiceKit
import ServiceLifecycle

extension AttrdApplication {
    /// One runner per kind of job the modules declare (`ModuleParts.jobs`),
    /// with `--job-poll-interval`, `--job-drain-grace` and `--job-lease`.
    func makeJobRunners(storage: AttrdStorage, parts: [ModuleParts]) -> [JobRunner] {
        let queue = JobQueue(database: storage.database)
        let settings = configuration.jobs
        var runner = JobRunner.Configuration()
        runner.pollInterval = .milliseconds(Int64((settings.pollIntervalSeconds * 1000).rounded()))
        runner.drainGrace = .milliseconds(Int64((settings.drainGraceSeconds * 1000).rounded()))
        return parts.flatMap(\.jobs).map { declared in
            var kind = declared
            if settings.leaseSeconds > 0 { kind.lease = .milliseconds(Int64((settings.leaseSeconds * 1000).rounded())) }
            var configuration = runner
            configuration.owner = JobRunner.defaultOwner()
            return JobRunner(kind: kind, queue: queue, configuration: configuration, logger: logger)
        }
    }

    /// The queue's figures for /metrics: when metrics are served and this replica runs jobs.
    func makeJobQueueGauges(storage: AttrdStorage, runners: [JobRunner]) -> JobQueueGauges? {
        guard configuration.metricsListen != nil, !runners.isEmpty else { return nil }
        return JobQueueGauges(queue: JobQueue(database: storage.database), logger: logger)
    }

    /// The runners, the LISTEN that wakes them and the gauges' refresher.
    func jobServices(_ runners: [JobRunner], gauges: JobQueueGauges?) -> [any Service] {
        guard !runners.isEmpty else { return [] }
        let listener = JobListener(connectionString: configuration.database, runners: runners, logger: logger)
        return runners + [listener] + (gauges.map { [$0] } ?? [])
    }

    /// `attrd_jobs_due` and `attrd_jobs_oldest_due_seconds` (every kind), the
    /// same per kind (`attrd_jobs_<kind>_…`), and each kind's jobs running on this replica.
    func jobGauges(_ gauges: JobQueueGauges?, runners: [JobRunner]) -> [ModuleGauge] {
        guard let gauges else { return [] }
        let totals = [
            ModuleGauge(subsystem: "jobs", name: "due", help: "Jobs due now (available or retryable, run-at come), every kind") {
                gauges.due()
            },
            ModuleGauge(subsystem: "jobs", name: "oldest_due_seconds", help: "Seconds the oldest due job has waited past its run-at") {
                gauges.oldestDueAge()
            },
        ]
        return totals + runners.flatMap { runner in
            let kind = runner.kind.name
            return [
                ModuleGauge(subsystem: "jobs_\(kind)", name: "due", help: "Jobs of kind \(kind) due now") { gauges.due(kind) },
                ModuleGauge(subsystem: "jobs_\(kind)", name: "oldest_due_seconds", help: "Seconds the oldest due \(kind) job has waited") {
                    gauges.oldestDueAge(kind)
                },
                ModuleGauge(subsystem: "jobs_\(kind)", name: "running", help: "Jobs of kind \(kind) running on this replica") {
                    Double(runner.runningCount)
                },
            ]
        }
    }
}

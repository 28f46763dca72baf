import Jobs
import ServiceKit
import ServiceLifecycle

extension AttrdApplication {
    /// One runner per kind of job the modules declare (`ModuleParts.jobs`),
    /// and one LISTEN that wakes them; none when no module declares a kind.
    func makeJobRunners(storage: AttrdStorage, parts: [ModuleParts]) -> [JobRunner] {
        let queue = JobQueue(database: storage.database)
        return parts.flatMap(\.jobs).map { JobRunner(kind: $0, queue: queue, logger: logger) }
    }

    func jobServices(_ runners: [JobRunner]) -> [any Service] {
        guard !runners.isEmpty else { return [] }
        return runners + [JobListener(connectionString: configuration.database, runners: runners, logger: logger)]
    }
}

import ArgumentParser
import AttrdCore
import Foundation
import Jobs

struct JobsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List jobs, latest run-at first within each tenant (never their payloads).")

    @Option(help: "Only jobs in this state: \(JobState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: String?
    @Option(help: "Only jobs of this kind, e.g. pixel_alerts.") var kind: String?
    @Option(help: "Only this tenant's jobs (a UUID).") var tenant: String?
    @Option(help: "At most this many jobs (1-10000).") var limit = 100
    @OptionGroup var options: AttrdOptions

    func validate() throws {
        if let state, JobState(rawValue: state) == nil {
            throw ValidationError("--state must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let tenant, UUID(uuidString: tenant) == nil { throw ValidationError("--tenant must be a UUID") }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be in 1...10000") }
    }

    func run() async throws {
        let filter = JobQueue.Filter(
            state: state.flatMap(JobState.init(rawValue:)), kind: kind, tenantID: tenant.flatMap(UUID.init(uuidString:)))
        try await DatabaseCommand.run(options, name: "jobs list") { database, settings, logger in
            try await AttrdJobs.list(filter, limit: limit, database: database, settings: settings, logger: logger)
        }
    }
}

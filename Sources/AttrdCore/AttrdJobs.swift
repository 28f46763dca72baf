public import Foundation
public import Jobs
public import Logging
public import Storage

/// `attrd jobs ...`: operators' view of the job queue, on the database.
public enum AttrdJobs {
    /// Up to `limit` jobs matching `filter`, one per line (never a payload).
    public static func list(
        _ filter: JobQueue.Filter, limit: Int, database: ConnectionString, settings: AttrdConfiguration.StorageSettings,
        logger: Logger
    ) async throws -> String {
        try await withQueue(database: database, settings: settings, logger: logger) { queue in
            let records = try await queue.list(filter, limit: limit)
            guard !records.isEmpty else { return "no jobs" }
            return records.map(line).joined(separator: "\n")
        }
    }

    /// Makes job `id` available again; a summary line.
    public static func retry(
        _ id: UUID, database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger
    ) async throws -> String {
        try await withQueue(database: database, settings: settings, logger: logger) { queue in
            try summary(id, try await queue.retry(id))
        }
    }

    /// Cancels job `id` (a running one at its next heartbeat); a summary line.
    public static func cancel(
        _ id: UUID, database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger
    ) async throws -> String {
        try await withQueue(database: database, settings: settings, logger: logger) { queue in
            try summary(id, try await queue.cancel(id))
        }
    }

    static func line(_ record: JobRecord) -> String {
        var fields = [
            record.id.uuidString.lowercased(), "tenant=\(record.tenantID.uuidString.lowercased())", "kind=\(record.kind)",
            "state=\(record.state.rawValue)", "attempts=\(record.attempts)/\(record.maxAttempts)",
            "run_at=\(record.runAt.formatted(.iso8601))",
        ]
        if let key = record.uniqueKey { fields.append("key=\(key)") }
        if let owner = record.leaseOwner { fields.append("owner=\(owner)") }
        if let error = record.lastError { fields.append("error=\(error.debugDescription)") }
        return fields.joined(separator: " ")
    }

    /// The summary of a change; an error (exit status 1) when it was refused or the job is unknown.
    static func summary(_ id: UUID, _ change: JobQueue.Change) throws -> String {
        let job = "job \(id.uuidString.lowercased())"
        switch change {
        case .retried: return "\(job) is available again"
        case .cancelled: return "\(job) is cancelled"
        case .cancelRequested: return "\(job) is running: its runner stops it at the next heartbeat"
        case .refused(let state): throw StartupError(check: "job", reason: "\(job) is \(state.rawValue): not changed")
        case .notFound: throw StartupError(check: "job", reason: "no \(job)")
        }
    }

    private static func withQueue(
        database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger,
        _ body: (JobQueue) async throws -> String
    ) async throws -> String {
        try await AttrdStorage.with(database: database, settings: settings, logger: logger) { storage in
            try await body(JobQueue(database: storage.database))
        }
    }
}

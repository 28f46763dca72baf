public import Foundation
public import Storage

/// What a handler gets: its job, and transactions of the job's tenant only.
public struct JobContext: Sendable {
    public let job: ClaimedJob
    let database: Database
    /// The runner's wall clock (for "now" in the handler's own writes).
    public let now: @Sendable () -> Date

    /// A context for `job` (runners make it; tests of a handler too).
    public init(job: ClaimedJob, database: Database, now: @escaping @Sendable () -> Date) {
        self.job = job
        self.database = database
        self.now = now
    }

    public var tenantID: UUID { job.tenantID }

    /// Runs `body` in a row-level-security transaction of the job's tenant.
    @discardableResult
    public func withTransaction<R>(_ body: (TenantTransaction) async throws -> R) async throws -> R {
        try await database.withTenant(job.tenantID, body)
    }

    /// The payload decoded as `type`; a payload that does not decode is a
    /// permanent failure (retrying cannot fix it).
    public func payload<T: Decodable>(as type: T.Type = T.self) throws -> T {
        do {
            return try job.payload.decode(T.self)
        } catch {
            throw JobFailure.permanent("payload of \(job.kind) does not decode as \(T.self): \(error)")
        }
    }
}

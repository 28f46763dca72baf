public import Foundation

/// A job's row as operators see it (`attrd jobs list`): never its payload,
/// which may hold tenant data.
public struct JobRecord: Sendable, Hashable {
    public var tenantID: UUID
    public var id: UUID
    public var kind: String
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var uniqueKey: String?
    public var leaseOwner: String?
    public var lastError: String?

    public init(
        tenantID: UUID, id: UUID, kind: String, state: JobState, attempts: Int, maxAttempts: Int, runAt: Date,
        uniqueKey: String?, leaseOwner: String?, lastError: String?
    ) {
        self.tenantID = tenantID
        self.id = id
        self.kind = kind
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.leaseOwner = leaseOwner
        self.lastError = lastError
    }
}

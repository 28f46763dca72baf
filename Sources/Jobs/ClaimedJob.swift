public import Foundation
public import Storage

/// A job a claim round leased to this worker.
public struct ClaimedJob: Sendable, Hashable {
    public let tenantID: UUID
    public let id: UUID
    public let kind: String
    public let payload: PostgresJSON
    /// This attempt's number, from 1.
    public let attempt: Int
    public let maxAttempts: Int
    public let uniqueKey: String?

    public init(
        tenantID: UUID, id: UUID, kind: String, payload: PostgresJSON, attempt: Int, maxAttempts: Int, uniqueKey: String?
    ) {
        self.tenantID = tenantID
        self.id = id
        self.kind = kind
        self.payload = payload
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }

    /// Whether a failure of this attempt discards the job.
    public var isLastAttempt: Bool { attempt >= maxAttempts }
}

public import Foundation
public import Storage

/// A job to enqueue: its kind, payload and when it may first run.
public struct NewJob: Sendable {
    public var kind: String
    /// jsonb, handed to the kind's handler as it was enqueued.
    public var payload: PostgresJSON
    public var runAt: Date
    /// At most one job of the tenant and kind ever has this key (in any
    /// state): enqueueing it again is a no-op, e.g. a schedule's tick.
    public var uniqueKey: String?
    public var maxAttempts: Int

    public init(
        kind: String, payload: PostgresJSON = PostgresJSON(text: "{}"), runAt: Date, uniqueKey: String? = nil,
        maxAttempts: Int = 5
    ) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.maxAttempts = maxAttempts
    }

    /// A job whose payload is `value`, JSON-encoded.
    public init(
        kind: String, payload value: some Encodable, runAt: Date, uniqueKey: String? = nil, maxAttempts: Int = 5
    ) throws {
        self.init(
            kind: kind, payload: try PostgresJSON(encoding: value), runAt: runAt, uniqueKey: uniqueKey,
            maxAttempts: maxAttempts)
    }
}

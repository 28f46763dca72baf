public import Foundation

/// A transaction in which `app.tenant_id` is set: what a service's body sees
/// inside ``Database/withTenant(_:isolation:readOnly:_:)``.
public struct TenantTransaction: Sendable {
    public let tenantID: UUID
    let session: PostgresSession

    init(tenantID: UUID, session: PostgresSession) {
        self.tenantID = tenantID
        self.session = session
    }

    /// Runs one parameterised statement; row-level security limits it to this tenant.
    @discardableResult
    public func query(
        _ sql: String,
        _ parameters: [any PostgresEncodable] = [],
        timeout: Duration? = nil
    ) async throws(PostgresError) -> PostgresRows {
        try await session.query(sql, parameters, timeout: timeout)
    }

    /// `COPY ... FROM STDIN` (see ``PostgresSession/copyIn(_:timeout:_:)``). PostgreSQL
    /// refuses COPY FROM into a table with row-level security, so bulk ingest
    /// copies into a `CREATE TEMP TABLE ... (LIKE t) ON COMMIT DROP` staging
    /// table, then `INSERT INTO t SELECT ... FROM staging`, where the policy's
    /// check applies to every row. On Citus that `INSERT ... SELECT` must
    /// carry `ON CONFLICT` or `RETURNING`: Citus then inserts on the shard
    /// with INSERT from an intermediate result, under the policy; a plain one
    /// becomes a COPY into the shard, which row-level security refuses.
    @discardableResult
    public func copyIn(
        _ sql: String,
        timeout: Duration? = nil,
        _ produce: (PostgresCopyWriter) async throws -> Void
    ) async throws -> Int {
        try await session.copyIn(sql, timeout: timeout, produce)
    }

    /// `COPY (SELECT ...) TO STDOUT` of this tenant's rows, streamed (see ``PostgresSession/copyOut(_:timeout:_:)``).
    @discardableResult
    public func copyOut(
        _ sql: String,
        timeout: Duration? = nil,
        _ consume: ([UInt8]) async throws -> Void
    ) async throws -> Int {
        try await session.copyOut(sql, timeout: timeout, consume)
    }

    /// A notification to `channel`, sent at commit.
    public func notify(_ channel: String, payload: String = "") async throws(PostgresError) {
        try await session.notify(channel, payload: payload)
    }
}

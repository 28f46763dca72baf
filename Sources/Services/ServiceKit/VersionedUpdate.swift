public import Foundation
public import Storage
public import Wire

/// Optimistic concurrency for a mutable resource. The convention: its table
/// has `version BIGINT NOT NULL DEFAULT 1`; a read returns the version (in
/// the message as `version` or an `etag`, ``etag(_:)``); an update names the
/// version it was based on and succeeds only if the row still has it, bumping
/// it by one. A stale update is refused with ABORTED (``Stale``), a row the
/// tenant does not have with NOT_FOUND; neither changes anything. An update
/// without a version (the caller asked to overwrite) always applies.
///
/// ```swift
/// let version = try await VersionedUpdate(table: "dashboards", resource: "dashboard")
///     .update(in: tx, id: id, expected: request.version, set: [("name", name), ("widgets", widgets)])
/// ```
public struct VersionedUpdate: Sendable {
    /// The table (a trusted identifier, never input), keyed by `(tenant_id, id)`.
    public let table: String
    /// What messages call a row ("dashboard").
    public let resource: String

    public init(table: String, resource: String) {
        self.table = table
        self.resource = resource
    }

    /// Refused: the row changed since the version the caller read.
    public struct Stale: Error, RPCErrorConvertible, Sendable, Equatable {
        public let resource: String
        public let id: UUID
        public let expected: Int64
        public let current: Int64

        public init(resource: String, id: UUID, expected: Int64, current: Int64) {
            self.resource = resource
            self.id = id
            self.expected = expected
            self.current = current
        }

        public var rpcError: RPCError {
            RPCError(
                code: .aborted,
                message: "\(resource) \(id.uuidString.lowercased()) was changed by someone else since version \(expected) "
                    + "(it is at version \(current)); read it again or ask to overwrite")
        }
    }

    /// Sets `columns` (trusted identifiers, each with its value) of row `id`
    /// if it is still at version `expected` (nil: whatever its version), and
    /// returns the new version. Throws ``NotFound`` or ``Stale``.
    @discardableResult
    public func update(
        in tx: TenantTransaction, id: UUID, expected: Int64?, set columns: [(String, any PostgresEncodable)]
    ) async throws -> Int64 {
        var parameters: [any PostgresEncodable] = [tx.tenantID, id]
        var assignments = ["version = version + 1"]
        for (column, value) in columns {
            parameters.append(value)
            assignments.append("\(column) = $\(parameters.count)")
        }
        var condition = "tenant_id = $1 AND id = $2"
        if let expected {
            parameters.append(expected)
            condition += " AND version = $\(parameters.count)"
        }
        let updated = try await tx.query(
            "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \(condition) RETURNING version", parameters)
        if let row = updated.first { return try row.decode("version", as: Int64.self) }
        let current = try await tx.query("SELECT version FROM \(table) WHERE tenant_id = $1 AND id = $2", [tx.tenantID, id])
        guard let row = current.first else { throw NotFound(resource, id: id.uuidString.lowercased()) }
        throw Stale(resource: resource, id: id, expected: expected ?? 0, current: try row.decode("version", as: Int64.self))
    }

    /// The version as an HTTP-style entity tag (`"7"`), for messages that carry an etag.
    public static func etag(_ version: Int64) -> String { "\"\(version)\"" }

    /// The version in `etag`; nil for an empty etag (overwrite); INVALID_ARGUMENT naming `field` otherwise.
    public static func version(etag: String, _ field: String = "etag") throws(FieldError) -> Int64? {
        guard !etag.isEmpty else { return nil }
        guard etag.count <= 22, etag.hasPrefix("\""), etag.hasSuffix("\""), etag.count >= 3,
            let version = Int64(etag.dropFirst().dropLast()), version > 0
        else { throw FieldError(field, "is not an etag this service returned; read the resource again") }
        return version
    }
}

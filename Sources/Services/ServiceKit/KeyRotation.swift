public import Logging
public import Secrets
public import Storage
import Foundation

/// `attrd keys rotate`: re-seals every secret of the given columns (the
/// modules' `secretColumns`) under the keyring's current
/// key, one tenant transaction per tenant (so row-level security applies, as
/// for any request), locking the rows it rewrites. Secrets already under the
/// current key are left alone, so it can be re-run after a failure.
public struct KeyRotation: Sendable {
    public struct Report: Sendable, Hashable {
        public var tenants = 0
        public var resealed = 0
        public var alreadyCurrent = 0
    }

    public let database: Database
    public let box: SecretBox
    public let columns: [SecretColumn]
    let logger: Logger

    public init(database: Database, box: SecretBox, columns: [SecretColumn], logger: Logger) {
        self.database = database
        self.box = box
        self.columns = columns
        self.logger = logger
    }

    public func run() async throws -> Report {
        var report = Report()
        for tenantID in try await database.tenantIDs() {
            let counts = try await database.withTenant(tenantID) { tx in
                var counts = (resealed: 0, current: 0)
                for secret in columns {
                    // Table and column names are constants of SecretColumn, never input.
                    let rows = try await tx.query(
                        "SELECT id, \(secret.column) AS sealed FROM \(secret.table) WHERE tenant_id = $1 AND \(secret.column) IS NOT NULL FOR UPDATE",
                        [tenantID])
                    for row in rows {
                        let id = try row.decode("id", as: UUID.self)
                        let sealed = try row.decode("sealed", as: PostgresBytes.self).bytes
                        let context = SecretContext(tenantID: tenantID, table: secret.table, rowID: id, column: secret.column)
                        guard let resealed = try box.resealed(sealed, for: context) else {
                            counts.current += 1
                            continue
                        }
                        try await tx.query(
                            "UPDATE \(secret.table) SET \(secret.column) = $1 WHERE tenant_id = $2 AND id = $3",
                            [PostgresBytes(resealed), tenantID, id])
                        counts.resealed += 1
                    }
                }
                return counts
            }
            report.tenants += 1
            report.resealed += counts.resealed
            report.alreadyCurrent += counts.current
        }
        logger.notice(
            "re-sealed secrets under the current key",
            metadata: ["secrets_key": "\(box.keyring.current.id)", "secrets_resealed": "\(report.resealed)",
                       "secrets_current": "\(report.alreadyCurrent)", "secrets_tenants": "\(report.tenants)"])
        return report
    }
}

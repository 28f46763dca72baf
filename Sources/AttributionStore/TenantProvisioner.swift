import Foundation
public import Storage
import Synchronization

/// Creates a tenant's row on its first write. A tenant exists once a
/// certificate from the configured CA names it: issuing that certificate is
/// the onboarding step (docs/SECURITY.md). Tenants known to exist are
/// remembered, so the insert runs once per tenant and process.
public final class TenantProvisioner: Sendable {
    private let known = Mutex<Set<UUID>>([])

    public init() {}

    func ensure(in tx: TenantTransaction) async throws {
        guard !known.withLock({ $0.contains(tx.tenantID) }) else { return }
        // Remember the tenant only when its row was already committed: a row
        // inserted here disappears if this transaction rolls back.
        if try await !Self.insertRow(in: tx) { known.withLock { _ = $0.insert(tx.tenantID) } }
    }

    /// Inserts the transaction's tenant row unless it exists (row-level
    /// security applies: the row is the current tenant's). Returns whether
    /// this inserted it. Every first write of a tenant table goes through here.
    @discardableResult
    public static func insertRow(in tx: TenantTransaction) async throws -> Bool {
        let inserted = try await tx.query(
            "INSERT INTO tenants (id, name) VALUES (app_current_tenant(), $1) ON CONFLICT (id) DO NOTHING RETURNING id",
            ["tenant \(tx.tenantID.uuidString.lowercased())"])
        return !inserted.isEmpty
    }
}

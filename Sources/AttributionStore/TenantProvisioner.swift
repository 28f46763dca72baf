import Foundation
import Storage
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
        let inserted = try await tx.query(
            "INSERT INTO tenants (id, name) VALUES (app_current_tenant(), $1) ON CONFLICT (id) DO NOTHING RETURNING id",
            ["tenant \(tx.tenantID.uuidString.lowercased())"])
        // Remember the tenant only when its row was already committed: a row
        // inserted here disappears if this transaction rolls back.
        if inserted.isEmpty { known.withLock { _ = $0.insert(tx.tenantID) } }
    }
}

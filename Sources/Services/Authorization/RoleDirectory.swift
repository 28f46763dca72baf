import AttributionStore
public import Foundation
public import Identity
public import Storage
import Synchronization

/// Principals' roles, from `principal_roles` (else the default of their
/// kind), cached for `ttl` so that a call costs no query; a grant or revoke
/// takes effect within that time.
public final class RoleDirectory: Sendable {
    public let database: Database
    public let ttl: Duration
    private let cache = Mutex<[Principal: (role: Role, until: ContinuousClock.Instant)]>([:])

    public init(database: Database, ttl: Duration = .seconds(30)) {
        self.database = database
        self.ttl = ttl
    }

    public func role(of principal: Principal) async throws -> Role {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[principal] }), cached.until > now { return cached.role }
        let stored = try await database.withTenant(principal.tenantID, readOnly: true) { tx in
            try await tx.query(
                "SELECT role FROM principal_roles WHERE tenant_id = $3 AND principal_kind = $1 AND principal_id = $2",
                [principal.kind.rawValue, principal.id, principal.tenantID]
            ).first("role")
        }
        let role = stored.flatMap(Role.init(rawValue:)) ?? .default(for: principal.kind)
        cache.withLock { cache in
            // Bounded: an unbounded set of principals must not grow memory.
            if cache.count > 10_000 { cache.removeAll() }
            cache[principal] = (role, now + ttl)
        }
        return role
    }

    /// Sets (or, with nil, removes) a principal's role.
    public func set(_ role: Role?, kind: Principal.Kind, id: String, tenantID: UUID) async throws {
        try await database.withTenant(tenantID) { tx in
            try await TenantProvisioner.insertRow(in: tx)
            if let role {
                try await tx.query(
                    """
                    INSERT INTO principal_roles (tenant_id, principal_kind, principal_id, role)
                    VALUES (app_current_tenant(), $1, $2, $3)
                    ON CONFLICT (tenant_id, principal_kind, principal_id) DO UPDATE SET role = EXCLUDED.role, granted_at = EXCLUDED.granted_at
                    """, [kind.rawValue, id, role.rawValue])
            } else {
                try await tx.query(
                    "DELETE FROM principal_roles WHERE tenant_id = $3 AND principal_kind = $1 AND principal_id = $2",
                    [kind.rawValue, id, tenantID])
            }
        }
    }

    /// The tenant's explicit grants.
    public func grants(tenantID: UUID) async throws -> [(kind: String, id: String, role: String)] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            try await tx.query(
                "SELECT principal_kind, principal_id, role FROM principal_roles WHERE tenant_id = $1 ORDER BY 1, 2", [tenantID]
            ).map {
                (try $0.decode("principal_kind"), try $0.decode("principal_id"), try $0.decode("role"))
            }
        }
    }
}

public import Foundation
public import Identity
public import Logging
public import Storage
import Authorization
import Ingest
import Pixels
import ServiceKit

/// `attrd roles ...`: the operator's grants of roles to principals.
public enum AttrdRoles {
    /// Sets (`role`) or removes (nil) a principal's role; returns a summary line.
    public static func set(
        _ role: String?, kind: Principal.Kind, id: String, tenant: UUID,
        database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger
    ) async throws -> String {
        let parsed: Role?
        if let role {
            guard let known = Role(rawValue: role) else {
                throw StartupError(check: "role", reason: "'\(role)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            parsed = known
        } else {
            parsed = nil
        }
        return try await withDirectory(database: database, settings: settings, logger: logger) { directory in
            try await directory.set(parsed, kind: kind, id: id, tenantID: tenant)
            let who = "\(kind.rawValue) \(id) of tenant \(tenant.uuidString.lowercased())"
            return parsed.map { "\(who) is now \($0.rawValue)" } ?? "\(who) is back to the default role, \(Role.default(for: kind).rawValue)"
        }
    }

    /// The tenant's explicit grants, one per line.
    public static func list(
        tenant: UUID, database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger
    ) async throws -> String {
        try await withDirectory(database: database, settings: settings, logger: logger) { directory in
            let grants = try await directory.grants(tenantID: tenant)
            let lines = grants.map { "\($0.kind) \($0.id): \($0.role)" }
            return (lines + ["(others: users analyst, services ingest)"]).joined(separator: "\n")
        }
    }

    private static func withDirectory(
        database: ConnectionString, settings: AttrdConfiguration.StorageSettings, logger: Logger,
        _ body: (RoleDirectory) async throws -> String
    ) async throws -> String {
        try await AttrdStorage.with(database: database, settings: settings, logger: logger) { storage in
            try await body(RoleDirectory(database: storage.database))
        }
    }
}

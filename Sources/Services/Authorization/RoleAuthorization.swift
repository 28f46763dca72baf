import Foundation
import Identity
import ServiceKit
public import Logging
public import RPCServer
import Wire

extension AuthorizationInterceptor {
    /// The role matrix over `directory`: the principal's role must be one the
    /// method's access permits. Public methods need no lookup; a role lookup
    /// that fails (the database unavailable) fails the call with UNAVAILABLE,
    /// never allows it. A refusal names the roles that may call the method and
    /// how one is granted.
    public static func roles(_ directory: RoleDirectory, logger: Logger) -> AuthorizationInterceptor {
        AuthorizationInterceptor { principal, method, access in
            if access == .public { return true }
            let role: Role
            do {
                role = try await directory.role(of: principal)
            } catch {
                throw StorageFailure.rpcError(error, operation: "role lookup", logger: logger)
            }
            guard access.permits(role) else { throw denial(principal, method, role: role, access: access) }
            return true
        }
    }

    /// PERMISSION_DENIED naming the principal's role, the roles that may, and the grant command.
    static func denial(_ principal: Principal, _ method: String, role: Role, access: MethodAccess) -> RPCError {
        let who = "\(principal.kind.rawValue) \(principal.id) (role \(role.rawValue))"
        let allowed = access.roles
        // The narrowest role that may: admin, which may do everything, comes first.
        let suggested = allowed.last ?? .admin
        let kindFlag = principal.kind == .user ? "--user" : "--service"
        return RPCError(
            code: .permissionDenied,
            message: "\(who) may not call \(method); roles that may: \(allowed.map(\.rawValue).joined(separator: ", ")). "
                + "An operator grants a role with: attrd roles grant --tenant \(principal.tenantID.uuidString.lowercased()) "
                + "\(kindFlag) \(principal.id) --role \(suggested.rawValue)")
    }
}

public import Logging
public import RPCServer


extension AuthorizationInterceptor {
    /// The role matrix over `directory`; a role lookup that fails (the
    /// database unavailable) fails the call with UNAVAILABLE, never allows it.
    public static func roles(_ directory: RoleDirectory, logger: Logger) -> AuthorizationInterceptor {
        AuthorizationInterceptor { principal, method in
            let access = RoleMatrix.access(method)
            if access == .everyone { return true }
            if access == .nobody { return false }
            do {
                return access.permits(try await directory.role(of: principal))
            } catch {
                throw StorageFailure.rpcError(error, operation: "role lookup", logger: logger)
            }
        }
    }
}

public import Logging
public import RPCServer


extension AuthorizationInterceptor {
    /// The role matrix over `directory`; a role lookup that fails (the
    /// database unavailable) fails the call with UNAVAILABLE, never allows it.
    public static func roles(_ directory: RoleDirectory, logger: Logger) -> AuthorizationInterceptor {
        AuthorizationInterceptor { principal, method in
            if RoleMatrix.allows(.analyst, method) && RoleMatrix.allows(.ingest, method) { return true }
            do {
                return RoleMatrix.allows(try await directory.role(of: principal), method)
            } catch {
                throw StorageFailure.rpcError(error, operation: "role lookup", logger: logger)
            }
        }
    }
}

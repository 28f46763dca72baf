public import Identity
import Wire

/// Refuses calls the principal may not make, with PERMISSION_DENIED, before
/// the handler runs. The policy (the role matrix, docs/SECURITY.md) is given
/// by the server's assembler.
public struct AuthorizationInterceptor: ServerInterceptor {
    /// Whether `principal` may call `method` (`/package.Service/Method`). It
    /// may look the principal's role up (e.g. in the database); an error it
    /// throws ends the call with that error (an `RPCError` as it is).
    public typealias Policy = @Sendable (_ principal: Principal, _ method: String) async throws -> Bool

    let policy: Policy

    public init(policy: @escaping Policy) {
        self.policy = policy
    }

    public func intercept(
        context: ServerContext,
        next: @Sendable (ServerContext) async throws -> Void
    ) async throws {
        guard try await policy(context.principal, context.method) else {
            throw RPCError(
                code: .permissionDenied,
                message: "\(context.principal.kind.rawValue) \(context.principal.id) may not call \(context.method)")
        }
        try await next(context)
    }
}

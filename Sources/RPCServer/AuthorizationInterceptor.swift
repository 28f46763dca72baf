public import Identity
import Wire

/// Refuses calls the principal may not make, with PERMISSION_DENIED, before
/// the handler runs. What a method allows is its access, declared in its
/// .proto and carried by its route (`ServerContext.access`); a method
/// registered with no access is refused for everyone here, whatever the
/// policy. The policy (the role matrix, docs/SECURITY.md) is given by the
/// server's assembler.
public struct AuthorizationInterceptor: ServerInterceptor {
    /// Whether `principal` may call `method` (`/package.Service/Method`), of
    /// the given access. It may look the principal's role up (e.g. in the
    /// database); an error it throws ends the call with that error (an
    /// `RPCError` as it is).
    public typealias Policy = @Sendable (_ principal: Principal, _ method: String, _ access: MethodAccess) async throws -> Bool

    let policy: Policy

    public init(policy: @escaping Policy) {
        self.policy = policy
    }

    public func intercept(
        context: ServerContext,
        next: @Sendable (ServerContext) async throws -> Void
    ) async throws {
        guard let access = context.access else {
            throw RPCError(
                code: .permissionDenied,
                message: "\(context.method) declares no access (option (arpc.access.v1.access) in its .proto): nobody may call it")
        }
        guard try await policy(context.principal, context.method, access) else {
            throw RPCError(
                code: .permissionDenied,
                message: "\(context.principal.kind.rawValue) \(context.principal.id) may not call \(context.method)")
        }
        try await next(context)
    }
}

/// Wraps every call: authentication and role checks, access logs, metrics.
/// Interceptors run in order; each calls `next` to continue (or throws to refuse).
public protocol ServerInterceptor: Sendable {
    func intercept(
        context: ServerContext,
        next: @Sendable (ServerContext) async throws -> Void
    ) async throws
}

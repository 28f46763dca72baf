public import Wire

/// A by-id lookup that found nothing in the caller's tenant: NOT_FOUND, the
/// same for a resource that never existed and one of another tenant (which
/// row-level security hides).
public struct NotFound: RPCErrorConvertible, Sendable, Equatable {
    /// What was looked for, e.g. "influencer", "pixel destination".
    public var resource: String
    /// Its id as the caller gave it.
    public var id: String

    public init(_ resource: String, id: String) {
        self.resource = resource
        self.id = id
    }

    public var rpcError: RPCError {
        RPCError(code: .notFound, message: "\(resource) \(id) not found")
    }
}

import Wire

/// Maps method paths (`/package.Service/Method`) to handlers and their
/// access, for all four kinds of call. Built once before the server starts;
/// immutable after.
public struct Router: Sendable {
    /// A type-erased handler: reads requests from and writes responses to the call.
    typealias Handler = @Sendable (ServerCallIO, ServerContext) async throws -> Void

    /// A registered method: its handler and who may call it (nil: nobody).
    struct Route: Sendable {
        let handler: Handler
        let access: MethodAccess?
    }

    private(set) var routes: [String: Route] = [:]
    private(set) var services: Set<String> = []

    public init() {}

    /// The service part of `/package.Service/Method`.
    static func service(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return String(parts[1])
    }

    mutating func register(_ path: String, access: MethodAccess?, _ handler: @escaping Handler) {
        guard let service = Self.service(of: path) else {
            preconditionFailure("method path '\(path)' is not /package.Service/Method")
        }
        precondition(routes[path] == nil, "\(path) is registered twice")
        routes[path] = Route(handler: handler, access: access)
        services.insert(service)
    }

    /// The route of `path`, or the UNIMPLEMENTED error a client gets.
    func lookup(_ path: String) -> Result<Route, RPCError> {
        if let route = routes[path] { return .success(route) }
        guard let service = Self.service(of: path), services.contains(service) else {
            let name = Self.service(of: path) ?? path
            return .failure(RPCError(code: .unimplemented, message: "unknown service \(name)"))
        }
        let method = path.split(separator: "/").last.map(String.init) ?? path
        return .failure(RPCError(code: .unimplemented, message: "unknown method \(method) of service \(service)"))
    }

    /// Every registered method path, sorted.
    public var methods: [String] { routes.keys.sorted() }
}

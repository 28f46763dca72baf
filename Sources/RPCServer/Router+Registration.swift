public import Wire

/// Each registration takes the method's access (generated from its .proto
/// option); a method registered with `access: nil` is refused for everyone.
extension Router {
    /// One request, one response.
    public mutating func unary<Request: RPCMessage, Response: RPCMessage>(
        _ path: String,
        access: MethodAccess?,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        register(path, access: access) { call, context in
            let request = try await call.requests(Request.self).single()
            try await call.write(try await handler(request, context))
        }
    }

    /// One request, a stream of responses.
    public mutating func serverStreaming<Request: RPCMessage, Response: RPCMessage>(
        _ path: String,
        access: MethodAccess?,
        _ handler: @escaping @Sendable (Request, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) {
        register(path, access: access) { call, context in
            let request = try await call.requests(Request.self).single()
            try await handler(request, ResponseWriter(call: call), context)
        }
    }

    /// A stream of requests, one response.
    public mutating func clientStreaming<Request: RPCMessage, Response: RPCMessage>(
        _ path: String,
        access: MethodAccess?,
        _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Response
    ) {
        register(path, access: access) { call, context in
            try await call.write(try await handler(call.requests(Request.self), context))
        }
    }

    /// Streams both ways.
    public mutating func bidirectional<Request: RPCMessage, Response: RPCMessage>(
        _ path: String,
        access: MethodAccess?,
        _ handler: @escaping @Sendable (RequestStream<Request>, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) {
        register(path, access: access) { call, context in
            try await handler(call.requests(Request.self), ResponseWriter(call: call), context)
        }
    }
}

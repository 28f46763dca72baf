import NIOCore
public import Wire

/// The message I/O of one call as a handler sees it (wraps the stream).
struct ServerCallIO: Sendable {
    let stream: ServerStream

    func requests<Request: RPCMessage>(_: Request.Type) -> RequestStream<Request> {
        RequestStream(stream: stream)
    }

    func write<Response: RPCMessage>(_ response: Response) async throws {
        var buffer = ByteBuffer()
        try response.serialize(into: &buffer)
        try await stream.write(buffer)
    }
}

/// The requests of a call, in order. Ends when the client ends its side.
public struct RequestStream<Request: RPCMessage>: AsyncSequence, Sendable {
    public typealias Element = Request
    let stream: ServerStream

    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: ServerStream

        public mutating func next() async throws -> Request? {
            guard let buffer = try await stream.nextMessage() else { return nil }
            return try RequestStream.decode(buffer)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: stream) }

    /// The one request of a unary or server-streaming call.
    func single() async throws -> Request {
        guard let buffer = try await stream.onlyMessage() else {
            throw RPCError(code: .internal, message: "the call ended without a request message")
        }
        return try Self.decode(buffer)
    }

    static func decode(_ buffer: ByteBuffer) throws -> Request {
        do {
            return try Request(serializedBuffer: buffer)
        } catch {
            throw RPCError(code: .internal, message: "request does not decode as \(Request.self)")
        }
    }
}

/// Sends a call's responses, waiting when the client's flow-control window is spent.
public struct ResponseWriter<Response: RPCMessage>: Sendable {
    let call: ServerCallIO

    public func write(_ response: Response) async throws {
        try await call.write(response)
    }
}

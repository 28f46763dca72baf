public import Wire

/// The responses of a call, in order; iteration ends at an OK status and
/// throws the `RPCError` of any other.
public struct ResponseStream<Response: RPCMessage>: AsyncSequence, Sendable {
    public typealias Element = Response
    let stream: ClientStream

    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: ClientStream

        public mutating func next() async throws -> Response? {
            guard let buffer = try await stream.next() else { return nil }
            do {
                return try Response(serializedBuffer: buffer)
            } catch {
                stream.cancel()
                throw RPCError(code: .internal, message: "response does not decode as \(Response.self)")
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: stream) }

    /// The server's initial metadata (empty until it arrives, or if it sent none).
    public var initialMetadata: Metadata { stream.initialMetadata }
    /// The trailing metadata, once the stream has ended.
    public var trailingMetadata: Metadata { stream.trailers?.metadata ?? [:] }
}

/// Sends a call's requests, waiting when the server's flow-control window is spent.
public struct RequestSink<Request: RPCMessage>: Sendable {
    let stream: ClientStream

    public func send(_ request: Request) async throws {
        try await stream.send(try RPCClient.serialize(request))
    }
}

public import Wire
import NIOCore

/// A response with the metadata that came with it.
public struct ClientResponse<Message: Sendable>: Sendable {
    public let message: Message
    public let initialMetadata: Metadata
    public let trailingMetadata: Metadata
}

extension RPCClient {
    /// One request, one response.
    public func unary<Request: RPCMessage, Response: RPCMessage>(
        _ method: String, _ request: Request, as _: Response.Type = Response.self,
        metadata: Metadata = [:], timeout: Duration? = nil
    ) async throws -> ClientResponse<Response> {
        let stream = try await start(method, metadata: metadata, timeout: timeout, firstMessage: try Self.serialize(request))
        return try await withTaskCancellationHandler {
            try await Self.singleResponse(stream, as: Response.self)
        } onCancel: {
            stream.cancel()
        }
    }

    /// One request, a stream of responses, read by `body`. Leaving `body`
    /// before the stream ends cancels the call.
    public func serverStreaming<Request: RPCMessage, Response: RPCMessage, Result: Sendable>(
        _ method: String, _ request: Request, as _: Response.Type = Response.self,
        metadata: Metadata = [:], timeout: Duration? = nil,
        _ body: (ResponseStream<Response>) async throws -> Result
    ) async throws -> Result {
        let stream = try await start(method, metadata: metadata, timeout: timeout, firstMessage: try Self.serialize(request))
        defer { if !stream.isFinished { stream.cancel() } }
        return try await withTaskCancellationHandler {
            try await body(ResponseStream(stream: stream))
        } onCancel: {
            stream.cancel()
        }
    }

    /// Requests written by `requests`, then one response.
    public func clientStreaming<Request: RPCMessage, Response: RPCMessage>(
        _ method: String, as _: Response.Type = Response.self,
        metadata: Metadata = [:], timeout: Duration? = nil,
        requests: (RequestSink<Request>) async throws -> Void
    ) async throws -> ClientResponse<Response> {
        let stream = try await start(method, metadata: metadata, timeout: timeout, firstMessage: nil)
        return try await withTaskCancellationHandler {
            do {
                try await requests(RequestSink(stream: stream))
            } catch let error as RPCError where error == ClientStream.stopped {
                // The server answered early; its status is read below.
            } catch {
                stream.cancel()
                throw error
            }
            stream.end()
            return try await Self.singleResponse(stream, as: Response.self)
        } onCancel: {
            stream.cancel()
        }
    }

    /// Requests from `requests` and responses read by `responses`, concurrently.
    public func bidirectional<Request: RPCMessage, Response: RPCMessage, Result: Sendable>(
        _ method: String, as _: Response.Type = Response.self,
        metadata: Metadata = [:], timeout: Duration? = nil,
        requests: @escaping @Sendable (RequestSink<Request>) async throws -> Void,
        responses: (ResponseStream<Response>) async throws -> Result
    ) async throws -> Result {
        let stream = try await start(method, metadata: metadata, timeout: timeout, firstMessage: nil)
        defer { if !stream.isFinished { stream.cancel() } }
        return try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await requests(RequestSink(stream: stream))
                        stream.end()
                    } catch let error as RPCError where error == ClientStream.stopped {
                        return
                    } catch {
                        stream.cancel()
                        throw error
                    }
                }
                let result: Result
                do {
                    result = try await responses(ResponseStream(stream: stream))
                } catch {
                    stream.cancel()  // unblocks the requests task, which may wait for window
                    throw error
                }
                if stream.isFinished {
                    try await group.waitForAll()
                } else {
                    // The caller stopped reading: requests still being written are of no
                    // use, and their task's error is the cancellation we cause here.
                    stream.cancel()
                    try? await group.waitForAll()
                }
                return result
            }
        } onCancel: {
            stream.cancel()
        }
    }

    static func serialize(_ message: some RPCMessage) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        try message.serialize(into: &buffer)
        return buffer
    }

    static func singleResponse<Response: RPCMessage>(_ stream: ClientStream, as _: Response.Type) async throws -> ClientResponse<Response> {
        guard let buffer = try await stream.next() else {
            throw RPCError(code: .internal, message: "the call ended OK without a response")
        }
        let response: Response
        do {
            response = try Response(serializedBuffer: buffer)
        } catch {
            stream.cancel()
            throw RPCError(code: .internal, message: "response does not decode as \(Response.self)")
        }
        guard try await stream.next() == nil else {
            stream.cancel()
            throw RPCError(code: .internal, message: "more than one response to a single-response call")
        }
        return ClientResponse(message: response, initialMetadata: stream.initialMetadata,
                              trailingMetadata: stream.trailers?.metadata ?? [:])
    }
}

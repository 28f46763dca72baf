public import Protos
public import RPCServer
import Foundation
import Identity
import Wire

/// The interop test service (proto/arpc/test/v1/test.proto), adapted from
/// gRPC's interop suite. Payloads are zero bytes of the requested sizes.
public struct InteropTestService: Arpc_Test_V1_TestServiceHandler {
    /// The largest payload a request may ask for (the default message limit).
    static let maximumPayload = 4 * 1024 * 1024

    public init() {}

    public func emptyCall(_ request: Arpc_Test_V1_Empty, context: ServerContext) async throws -> Arpc_Test_V1_Empty {
        try echoMetadata(context)
        return Arpc_Test_V1_Empty()
    }

    public func unaryCall(_ request: Arpc_Test_V1_SimpleRequest, context: ServerContext) async throws -> Arpc_Test_V1_SimpleResponse {
        try echoMetadata(context)
        try Self.failIfRequested(request.hasResponseStatus ? request.responseStatus : nil)
        var response = Arpc_Test_V1_SimpleResponse()
        response.payload = try Self.payload(of: request.responseSize)
        return response
    }

    public func streamingOutputCall(
        _ request: Arpc_Test_V1_StreamingOutputCallRequest,
        responses: ResponseWriter<Arpc_Test_V1_StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        try echoMetadata(context)
        try await Self.respond(to: request, with: responses)
        try Self.failIfRequested(request.hasResponseStatus ? request.responseStatus : nil)
    }

    public func streamingInputCall(
        _ requests: RequestStream<Arpc_Test_V1_StreamingInputCallRequest>,
        context: ServerContext
    ) async throws -> Arpc_Test_V1_StreamingInputCallResponse {
        var total = 0
        for try await request in requests { total += request.payload.body.count }
        var response = Arpc_Test_V1_StreamingInputCallResponse()
        response.aggregatedPayloadSize = Int32(total)
        return response
    }

    public func fullDuplexCall(
        _ requests: RequestStream<Arpc_Test_V1_StreamingOutputCallRequest>,
        responses: ResponseWriter<Arpc_Test_V1_StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        try echoMetadata(context)
        for try await request in requests {
            try await Self.respond(to: request, with: responses)
            try Self.failIfRequested(request.hasResponseStatus ? request.responseStatus : nil)
        }
    }

    public func unimplementedCall(_ request: Arpc_Test_V1_Empty, context: ServerContext) async throws -> Arpc_Test_V1_Empty {
        throw RPCError(code: .unimplemented, message: "UnimplementedCall is not implemented")
    }

    public func echoIdentity(_ request: Arpc_Test_V1_Empty, context: ServerContext) async throws -> Arpc_Test_V1_EchoIdentityResponse {
        var response = Arpc_Test_V1_EchoIdentityResponse()
        response.tenantID = context.principal.tenantID.uuidString.lowercased()
        response.principalKind = context.principal.kind.rawValue
        response.principalID = context.principal.id
        return response
    }
}

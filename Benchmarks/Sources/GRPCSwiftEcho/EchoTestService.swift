import Foundation
import GRPCCore
import GRPCProtobuf
import Protos

/// The benchmark subset of `arpc.test.v1.TestService` (proto/arpc/test/v1/test.proto),
/// registered by hand on grpc-swift-2's router: no protoc plugin, no generated stubs.
/// Methods not registered here get UNIMPLEMENTED from the router.
struct EchoTestService: RegistrableRPCService {
    static let service = "arpc.test.v1.TestService"
    static let emptyCall = MethodDescriptor(fullyQualifiedService: service, method: "EmptyCall")
    static let unaryCall = MethodDescriptor(fullyQualifiedService: service, method: "UnaryCall")
    static let streamingOutputCall = MethodDescriptor(
        fullyQualifiedService: service, method: "StreamingOutputCall")

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        // EmptyCall: Empty in, Empty out.
        router.registerHandler(
            forMethod: Self.emptyCall,
            deserializer: ProtobufDeserializer<Arpc_Test_V1_Empty>(),
            serializer: ProtobufSerializer<Arpc_Test_V1_Empty>()
        ) { request, _ in
            _ = try await ServerRequest(stream: request)
            return StreamingServerResponse(single: ServerResponse(message: Arpc_Test_V1_Empty()))
        }

        // UnaryCall: a payload of `response_size` zero bytes, or the requested status.
        router.registerHandler(
            forMethod: Self.unaryCall,
            deserializer: ProtobufDeserializer<Arpc_Test_V1_SimpleRequest>(),
            serializer: ProtobufSerializer<Arpc_Test_V1_SimpleResponse>()
        ) { request, _ in
            let message = try await ServerRequest(stream: request).message
            if message.hasResponseStatus, message.responseStatus.code != 0 {
                let code = RPCError.Code(Status.Code(rawValue: Int(message.responseStatus.code)) ?? .unknown)
                    ?? .unknown
                return StreamingServerResponse(error: RPCError(code: code, message: message.responseStatus.message))
            }
            var response = Arpc_Test_V1_SimpleResponse()
            response.payload.body = Data(count: Int(max(0, message.responseSize)))
            return StreamingServerResponse(single: ServerResponse(message: response))
        }

        // StreamingOutputCall: one response per ResponseParameters entry, `size` zero bytes each.
        router.registerHandler(
            forMethod: Self.streamingOutputCall,
            deserializer: ProtobufDeserializer<Arpc_Test_V1_StreamingOutputCallRequest>(),
            serializer: ProtobufSerializer<Arpc_Test_V1_StreamingOutputCallResponse>()
        ) { request, _ in
            let message = try await ServerRequest(stream: request).message
            return StreamingServerResponse { writer in
                for parameters in message.responseParameters {
                    if parameters.intervalUs > 0 {
                        try await Task.sleep(for: .microseconds(parameters.intervalUs))
                    }
                    var response = Arpc_Test_V1_StreamingOutputCallResponse()
                    response.payload.body = Data(count: Int(max(0, parameters.size)))
                    try await writer.write(response)
                }
                return [:]
            }
        }
    }
}

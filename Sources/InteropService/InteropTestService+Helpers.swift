import Foundation
import Protos
import RPCServer
import Wire

extension InteropTestService {
    /// Metadata keys the interop suite echoes: initial back as initial, the binary one as a trailer.
    static let echoInitialKey = "x-grpc-test-echo-initial"
    static let echoTrailingKey = "x-grpc-test-echo-trailing-bin"

    func echoMetadata(_ context: ServerContext) throws {
        if let value = context.metadata[Self.echoInitialKey].first {
            try context.setInitialMetadata([Self.echoInitialKey: value])
        }
        if let value = context.metadata[Self.echoTrailingKey].first {
            context.addTrailingMetadata([Self.echoTrailingKey: value])
        }
    }

    static func payload(of size: Int32) throws -> Arpc_Test_V1_Payload {
        guard size >= 0, Int(size) <= maximumPayload else {
            throw RPCError(code: .invalidArgument, message: "payload size \(size) is outside 0...\(maximumPayload)")
        }
        var payload = Arpc_Test_V1_Payload()
        payload.body = Data(count: Int(size))
        return payload
    }

    static func failIfRequested(_ status: Arpc_Test_V1_EchoStatus?) throws {
        guard let status, status.code != 0 else { return }
        guard (1...16).contains(status.code) else {
            throw RPCError(code: .invalidArgument, message: "status code \(status.code) is outside 1...16")
        }
        throw RPCError(code: StatusCode(rawValue: UInt8(status.code)), message: status.message)
    }

    static func respond(
        to request: Arpc_Test_V1_StreamingOutputCallRequest,
        with responses: ResponseWriter<Arpc_Test_V1_StreamingOutputCallResponse>
    ) async throws {
        for parameters in request.responseParameters {
            if parameters.intervalUs > 0 {
                try await Task.sleep(for: .microseconds(Int(parameters.intervalUs)))
            }
            var response = Arpc_Test_V1_StreamingOutputCallResponse()
            response.payload = try payload(of: parameters.size)
            try await responses.write(response)
        }
    }
}

public import Protos
public import RPCServer
import Wire

// Methods whose implementation lands in later commits.
extension PixelsService {
    public func streamEvents(
        _ request: Attribution_V1_StreamEventsRequest, responses: ResponseWriter<Attribution_V1_StreamEventsResponse>,
        context: ServerContext
    ) async throws {
        throw RPCError(code: .unimplemented, message: "StreamEvents is not implemented yet")
    }

}

public import Protos
public import RPCServer
import Wire

// Methods whose implementation lands in later commits.
extension PixelsService {
    public func getStats(_ request: Attribution_V1_GetStatsRequest, context: ServerContext) async throws -> Attribution_V1_GetStatsResponse {
        throw RPCError(code: .unimplemented, message: "GetStats is not implemented yet")
    }

    public func getAlertConfig(_ request: Attribution_V1_GetAlertConfigRequest, context: ServerContext) async throws -> Attribution_V1_GetAlertConfigResponse {
        throw RPCError(code: .unimplemented, message: "GetAlertConfig is not implemented yet")
    }

    public func updateAlertConfig(_ request: Attribution_V1_UpdateAlertConfigRequest, context: ServerContext) async throws -> Attribution_V1_UpdateAlertConfigResponse {
        throw RPCError(code: .unimplemented, message: "UpdateAlertConfig is not implemented yet")
    }

    public func getEmq(_ request: Attribution_V1_GetEmqRequest, context: ServerContext) async throws -> Attribution_V1_GetEmqResponse {
        throw RPCError(code: .unimplemented, message: "GetEmq is not implemented yet")
    }

    public func listFailures(_ request: Attribution_V1_ListFailuresRequest, context: ServerContext) async throws -> Attribution_V1_ListFailuresResponse {
        throw RPCError(code: .unimplemented, message: "ListFailures is not implemented yet")
    }

    public func retryEvents(_ request: Attribution_V1_RetryEventsRequest, context: ServerContext) async throws -> Attribution_V1_RetryEventsResponse {
        throw RPCError(code: .unimplemented, message: "RetryEvents is not implemented yet")
    }
}

public import Protos
public import RPCServer
import AttributionStore
import Wire

extension PixelsService {
    public func getAlertConfig(
        _ request: Attribution_V1_GetAlertConfigRequest, context: ServerContext
    ) async throws -> Attribution_V1_GetAlertConfigResponse {
        do {
            var response = Attribution_V1_GetAlertConfigResponse()
            response.alertConfig = .init(try await alerts.load(tenantID: context.tenantID))
            return response
        } catch {
            throw StorageFailure.rpcError(error, operation: "GetAlertConfig", logger: logger)
        }
    }

    public func updateAlertConfig(
        _ request: Attribution_V1_UpdateAlertConfigRequest, context: ServerContext
    ) async throws -> Attribution_V1_UpdateAlertConfigResponse {
        let paths: [String]
        do {
            paths = try AlertConfigUpdate.paths(request.hasUpdateMask ? request.updateMask : nil)
        } catch {
            throw error.rpcError
        }
        do {
            let saved = try await alerts.update(tenantID: context.tenantID) { settings in
                do throws(FieldError) {
                    try AlertConfigUpdate.apply(request.alertConfig, paths: paths, to: &settings)
                } catch {
                    throw error.rpcError
                }
            }
            var response = Attribution_V1_UpdateAlertConfigResponse()
            response.alertConfig = .init(saved)
            return response
        } catch {
            throw StorageFailure.rpcError(error, operation: "UpdateAlertConfig", logger: logger)
        }
    }
}

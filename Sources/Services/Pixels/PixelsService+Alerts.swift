import ServiceKit
public import Protos
public import RPCServer
import AttributionStore
import Wire

extension PixelsService {
    public func getAlertConfig(
        _ request: Attribution_V1_GetAlertConfigRequest, context: ServerContext
    ) async throws -> Attribution_V1_GetAlertConfigResponse {
        var response = Attribution_V1_GetAlertConfigResponse()
        response.alertConfig = .init(try await alerts.load(tenantID: context.tenantID))
        return response
    }

    public func updateAlertConfig(
        _ request: Attribution_V1_UpdateAlertConfigRequest, context: ServerContext
    ) async throws -> Attribution_V1_UpdateAlertConfigResponse {
        let selection = try AlertConfigUpdate.mask.select(request.hasUpdateMask ? request.updateMask : nil)
        let alertJob = PixelAlertJob(interval: configuration.alertInterval > 0 ? configuration.alertInterval : Configuration.defaults.alertInterval)
        let saved = try await alerts.update(tenantID: context.tenantID) { settings in
            try AlertConfigUpdate.apply(request.alertConfig, selection, to: &settings)
        } saved: { settings, tx in
            try await alertJob.seed(settings, now: now(), in: tx)
        }
        var response = Attribution_V1_UpdateAlertConfigResponse()
        response.alertConfig = .init(saved)
        return response
    }
}

import ServiceKit
public import Protos
public import RPCServer
import AttributionStore
import SwiftProtobuf
import Wire

extension PixelsService {
    public func getStats(_ request: Attribution_V1_GetStatsRequest, context: ServerContext) async throws -> Attribution_V1_GetStatsResponse {
        var platforms: [Attribution_V1_PixelPlatform] = request.platforms.isEmpty ? [.ga4, .meta, .tiktok] : []
        for (index, platform) in request.platforms.enumerated() {
            guard platform.storedName != nil else {
                throw FieldError("platforms[\(index)]", "is not GA4, META or TIKTOK")
            }
            guard !platforms.contains(platform) else { throw FieldError("platforms[\(index)]", "is listed twice") }
            platforms.append(platform)
        }
        let end = now()
        let activity = try await stats.activity(
            platforms: platforms.compactMap(\.storedName), end: end, tenantID: context.tenantID)
        let settings = try await alerts.load(tenantID: context.tenantID)
        var response = Attribution_V1_GetStatsResponse()
        response.computeTime = Google_Protobuf_Timestamp(date: end)
        response.noEventsHours = Int32(configuration.noEventsHours)
        response.stitchingDropPoints = configuration.stitchingDropPoints
        response.stats = activity.map { activity in
            PixelHealth(
                activity: activity, threshold: settings.platform(activity.platform).thresholdPercent,
                noEventsHours: configuration.noEventsHours, stitchingDropPoints: configuration.stitchingDropPoints,
                now: end
            ).proto
        }
        return response
    }
}

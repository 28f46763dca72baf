import ServiceKit
public import Protos
public import RPCServer
import AttributionStore
import Foundation
import SwiftProtobuf
import Wire

extension PixelsService {
    public func listAlertEvents(
        _ request: Attribution_V1_ListAlertEventsRequest, context: ServerContext
    ) async throws -> Attribution_V1_ListAlertEventsResponse {
        let platform = request.platform.storedName
        let filters = platform ?? "-"
        guard platform != nil || request.platform == .unspecified else { throw FieldError("platform", "is not a known platform") }
        let page = try KeysetPage<PixelAlertHistory.Cursor>(size: request.pageSize, token: request.pageToken, filters: filters)
        let fetched = try await alertHistory.list(platform: platform, after: page.after, limit: page.fetchLimit, tenantID: context.tenantID)
        let (rows, next) = page.split(fetched) { PixelAlertHistory.Cursor(createdAt: $0.createdAt, id: $0.id) }
        var response = Attribution_V1_ListAlertEventsResponse()
        response.alertEvents = rows.map(Attribution_V1_AlertEvent.init)
        response.nextPageToken = next
        return response
    }
}

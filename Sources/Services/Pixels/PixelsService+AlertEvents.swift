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
        let size: Int
        let token: PageToken<PixelAlertHistory.Cursor>?
        let platform = request.platform.storedName
        let filters = platform ?? "-"
        guard platform != nil || request.platform == .unspecified else { throw FieldError("platform", "is not a known platform") }
        size = try PageSize.resolve(request.pageSize, default: 50, maximum: 200)
        token = try PageToken<PixelAlertHistory.Cursor>.decode(request.pageToken, filters: filters)
        let rows = try await alertHistory.list(platform: platform, after: token?.position, limit: size + 1, tenantID: context.tenantID)
        var response = Attribution_V1_ListAlertEventsResponse()
        response.alertEvents = rows.prefix(size).map(Attribution_V1_AlertEvent.init)
        if rows.count > size, let last = rows.prefix(size).last {
            let cursor = PixelAlertHistory.Cursor(createdAt: last.createdAt, id: last.id)
            response.nextPageToken = PageToken(position: cursor, filters: filters).encoded()
        }
        return response
    }
}

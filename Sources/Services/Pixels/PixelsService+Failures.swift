import ServiceKit
public import Protos
public import RPCServer
import AttributionStore
import SwiftProtobuf
import Wire

extension PixelsService {
    public func listFailures(
        _ request: Attribution_V1_ListFailuresRequest, context: ServerContext
    ) async throws -> Attribution_V1_ListFailuresResponse {
        let size: Int
        let token: PageToken<PixelEventLog.Cursor>?
        let platform = request.platform.storedName
        let errorType = request.errorType.storedName
        let filters = "\(platform ?? "-")|\(errorType ?? "-")"
        guard platform != nil || request.platform == .unspecified else { throw FieldError("platform", "is not a known platform") }
        guard errorType != nil || request.errorType == .unspecified else { throw FieldError("error_type", "is not a known error type") }
        size = try PageSize.resolve(request.pageSize, default: 50, maximum: 200)
        token = try PageToken<PixelEventLog.Cursor>.decode(request.pageToken, filters: filters)
        let rows = try await log.failures(
            platform: platform, errorType: errorType, after: token?.position, limit: size + 1, tenantID: context.tenantID)
        var response = Attribution_V1_ListFailuresResponse()
        response.failures = rows.prefix(size).map { row in
            var failure = Attribution_V1_PixelFailure()
            failure.event = .init(row)
            failure.errorType = .init(storedName: row.deliveryErrorType)
            failure.errorMessage = row.deliveryError ?? ""
            failure.attempts = Int32(clamping: row.deliveryAttempts)
            failure.lastAttemptTime = Google_Protobuf_Timestamp(date: row.lastAttemptAt ?? row.receivedAt)
            return failure
        }
        if rows.count > size, let last = rows.prefix(size).last {
            let cursor = PixelEventLog.Cursor(eventTime: last.lastAttemptAt ?? last.receivedAt, id: last.id)
            response.nextPageToken = PageToken(position: cursor, filters: filters).encoded()
        }
        return response
    }
}

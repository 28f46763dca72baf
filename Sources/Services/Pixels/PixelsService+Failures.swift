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
        let platform = request.platform.storedName
        let errorType = request.errorType.storedName
        let filters = "\(platform ?? "-")|\(errorType ?? "-")"
        guard platform != nil || request.platform == .unspecified else { throw FieldError("platform", "is not a known platform") }
        guard errorType != nil || request.errorType == .unspecified else { throw FieldError("error_type", "is not a known error type") }
        let page = try KeysetPage<PixelEventLog.Cursor>(size: request.pageSize, token: request.pageToken, filters: filters)
        let fetched = try await log.failures(
            platform: platform, errorType: errorType, after: page.after, limit: page.fetchLimit, tenantID: context.tenantID)
        let (rows, next) = page.split(fetched) { PixelEventLog.Cursor(eventTime: $0.lastAttemptAt ?? $0.receivedAt, id: $0.id) }
        var response = Attribution_V1_ListFailuresResponse()
        response.failures = rows.map { row in
            var failure = Attribution_V1_PixelFailure()
            failure.event = .init(row)
            failure.errorType = .init(storedName: row.deliveryErrorType)
            failure.errorMessage = row.deliveryError ?? ""
            failure.attempts = Int32(clamping: row.deliveryAttempts)
            failure.lastAttemptTime = Google_Protobuf_Timestamp(date: row.lastAttemptAt ?? row.receivedAt)
            return failure
        }
        response.nextPageToken = next
        return response
    }
}

import ServiceKit
public import AttributionStore
public import Foundation
public import Logging
public import Protos
public import RPCServer
public import Secrets
public import Storage
import SwiftProtobuf
import Wire

/// attribution.v1.Pixels: pixel monitoring over the tenant's stored events
/// (pixels.proto is the reference). Reads go through `PixelEventLog` and
/// the stats/EMQ readers; changes through the alert-config store; the live
/// stream through `PixelEventBroadcaster`; retries through `PixelRedelivery`.
public struct PixelsService: Attribution_V1_PixelsHandler {
    public struct Configuration: Sendable {
        /// No event for this many hours raises NO_RECENT_EVENTS.
        public var noEventsHours = 6
        /// A stitching-rate fall of more than this many points raises STITCHING_RATE_DROPPED.
        public var stitchingDropPoints = 10.0
        /// Undelivered events a live stream may hold before it ends with RESOURCE_EXHAUSTED.
        public var streamBuffer = 1000
        /// Seconds between a tenant's alert evaluations: saving alert settings
        /// with an alert on enqueues the tenant's evaluation at the next tick
        /// (0, a replica that evaluates none, seeds on the default's ticks).
        public var alertInterval = 300

        public init() {}
        public static let defaults = Configuration()
    }

    public let log: PixelEventLog
    public let stats: PixelStatsReader
    public let alerts: AlertSettingsStore
    /// The alerts that fired and their delivery outcome.
    public let alertHistory: PixelAlertHistory
    public let emq: EMQReader
    public let destinations: PixelDestinationStore
    public let redelivery: PixelRedelivery
    /// Fans newly stored events out to StreamEvents calls.
    public let broadcaster: PixelEventBroadcaster
    public let configuration: Configuration
    public let logger: Logger
    let now: @Sendable () -> Date

    public init(
        database: Database, secrets: SecretBox?, broadcaster: PixelEventBroadcaster, redelivery: PixelRedelivery,
        configuration: Configuration = .defaults, logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.log = PixelEventLog(database: database)
        self.stats = PixelStatsReader(database: database)
        self.alerts = AlertSettingsStore(database: database)
        self.alertHistory = PixelAlertHistory(database: database)
        self.emq = EMQReader(database: database)
        self.destinations = PixelDestinationStore(database: database, box: secrets)
        self.redelivery = redelivery
        self.broadcaster = broadcaster
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    public func listEvents(_ request: Attribution_V1_ListEventsRequest, context: ServerContext) async throws -> Attribution_V1_ListEventsResponse {
        let filter = try PixelEventFilter(
            platform: request.platform, eventType: request.eventType, matchStatus: request.matchStatus,
            deliveryStatus: request.deliveryStatus, start: request.hasStartTime ? request.startTime : nil,
            end: request.hasEndTime ? request.endTime : nil, orderIDPrefix: request.orderIDPrefix)
        let page = try KeysetPage<PixelEventLog.Cursor>(size: request.pageSize, token: request.pageToken, filters: filter.fingerprint)
        let (fetched, total, totalIsLowerBound) = try await log.list(
            filter, after: page.after, limit: page.fetchLimit, tenantID: context.tenantID)
        let (rows, next) = page.split(fetched) { PixelEventLog.Cursor(eventTime: $0.eventTime, id: $0.id) }
        var response = Attribution_V1_ListEventsResponse()
        response.events = rows.map(Attribution_V1_PixelEventRecord.init)
        response.totalSize = Int32(clamping: total)
        response.totalSizeIsLowerBound = totalIsLowerBound
        response.nextPageToken = next
        return response
    }
}

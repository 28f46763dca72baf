import ServiceKit
import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

/// One platform's stats and issue flags from its activity (pure: tested
/// without a database).
struct PixelHealth {
    var activity: PlatformActivity
    /// The alert threshold in percent (whether or not the alert is enabled).
    var threshold: Int
    var noEventsHours: Int
    var stitchingDropPoints: Double
    var now: Date

    var accuracy: Double { PlatformActivity.percent(activity.matchedOrders, of: activity.orders) }
    var previousAccuracy: Double { PlatformActivity.percent(activity.previousMatchedOrders, of: activity.previousOrders) }
    var stitching: Double { PlatformActivity.percent(activity.stitchedSessions, of: activity.sessions) }
    var previousStitching: Double { PlatformActivity.percent(activity.previousStitchedSessions, of: activity.previousSessions) }

    var issues: [Attribution_V1_PixelIssue] {
        var issues: [Attribution_V1_PixelIssue] = []
        if activity.orders > 0, accuracy < Double(threshold) { issues.append(.accuracyBelowThreshold) }
        let quietSince = now.addingTimeInterval(-Double(noEventsHours) * 3600)
        if activity.lastReceiveTime.map({ $0 < quietSince }) ?? true { issues.append(.noRecentEvents) }
        if activity.previousSessions > 0, previousStitching - stitching > stitchingDropPoints {
            issues.append(.stitchingRateDropped)
        }
        // Accuracy of no orders is not 0%: there is nothing to measure.
        if activity.orders == 0 { issues.append(.noOrders) }
        return issues
    }

    var proto: Attribution_V1_PlatformPixelStats {
        var stats = Attribution_V1_PlatformPixelStats()
        stats.platform = .init(storedName: activity.platform)
        stats.accuracyPercent = accuracy
        stats.previousAccuracyPercent = previousAccuracy
        stats.accuracyTrendPoints = accuracy - previousAccuracy
        stats.orders24H = Int64(activity.orders)
        stats.matchedOrders24H = Int64(activity.matchedOrders)
        stats.previousOrders24H = Int64(activity.previousOrders)
        stats.sessionStitchingRatePercent = stitching
        stats.previousSessionStitchingRatePercent = previousStitching
        if let last = activity.lastEventTime { stats.lastEventTime = Google_Protobuf_Timestamp(date: last) }
        if let last = activity.lastReceiveTime { stats.lastReceiveTime = Google_Protobuf_Timestamp(date: last) }
        stats.eventCount24H = Int64(activity.eventCount)
        stats.issues = issues
        return stats
    }
}

import ServiceKit
public import Protos
public import RPCServer
import AttributionCore
import AttributionStore
import Foundation
import SwiftProtobuf
import Wire

extension PixelsService {
    public func getEmq(_ request: Attribution_V1_GetEmqRequest, context: ServerContext) async throws -> Attribution_V1_GetEmqResponse {
        let days = request.days == 0 ? 14 : Int(request.days)
        guard (1...90).contains(days) else { throw FieldError("days", "must be 1 to 90 (0 means 14)") }
        let eventType = request.eventType.storedName
        guard eventType != nil || request.eventType == .unspecified else { throw FieldError("event_type", "is not a known event type") }
        let end = now()
        let today = CalendarDay(end)
        // The trend's days and the overall score's 7 days (today and the 6 before), in one read.
        let first = min(today.adding(days: -(days - 1)), today.adding(days: -6))
        let coverage = try await emq.dailyCoverage(
            start: first.start, end: today.adding(days: 1).start, eventType: eventType, tenantID: context.tenantID)
        var response = Attribution_V1_GetEmqResponse()
        response.computeTime = Google_Protobuf_Timestamp(date: end)
        // The overall score: the current UTC day (so far) and the 6 UTC days before it, summed.
        var week = EMQReader.Coverage(events: 0, withParameter: [:])
        for offset in 0..<7 {
            guard let day = coverage[today.adding(days: -offset).description] else { continue }
            week.events += day.events
            for (parameter, count) in day.withParameter { week.withParameter[parameter, default: 0] += count }
        }
        response.overallScore = week.score
        response.eventCount = Int64(week.events)
        response.parameterScores = EMQReader.weights.map { entry in
            var score = Attribution_V1_EmqParameterScore()
            score.parameter = entry.parameter
            score.coveragePercent = week.coveragePercent(entry.parameter)
            score.score = score.coveragePercent / 10
            score.weight = Int32(entry.weight)
            return score
        }
        response.trend = (0..<days).reversed().map { offset in
            let day = today.adding(days: -offset)
            var point = Attribution_V1_EmqDailyScore()
            point.date = .init(day)
            point.score = coverage[day.description]?.score ?? 0
            point.eventCount = Int64(coverage[day.description]?.events ?? 0)
            return point
        }
        return response
    }
}

extension Attribution_V1_Date {
    init(_ day: CalendarDay) {
        self.init()
        year = Int32(day.year)
        month = Int32(day.month)
        self.day = Int32(day.day)
    }
}

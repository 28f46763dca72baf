import AttributionCore
import AttributionStore
import Foundation
import Protos
import ServiceKit

/// The period, model and window of an influencer metrics request, as a
/// `MetricsQuery` of the shared query layer.
enum MetricsPeriod {
    static let maximumDays = 366
    static let defaultDays = 30

    /// `range` (unset: the `defaultDays` days before today), at most
    /// `maximumDays` days and not after today (UTC); `field` names it in errors.
    static func query(
        _ range: Attribution_V1_DateRange?, model: Attribution_V1_AttributionModel, window: Attribution_V1_AttributionWindow,
        today: CalendarDay, field: String, modelField: String, windowField: String
    ) throws(FieldError) -> MetricsQuery {
        let (first, last): (CalendarDay, CalendarDay)
        if let range {
            first = try day(range.hasStartDate ? range.startDate : nil, "\(field).start_date")
            last = try day(range.hasEndDate ? range.endDate : nil, "\(field).end_date")
            guard first <= last else { throw FieldError("\(field).end_date", "is before start_date") }
            guard last <= today else { throw FieldError("\(field).end_date", "is after today (\(today), UTC)") }
            guard first.days(to: last) + 1 <= maximumDays else {
                throw FieldError(field, "spans more than \(maximumDays) days")
            }
        } else {
            first = today.adding(days: -defaultDays)
            last = today.adding(days: -1)
        }
        let model = try Self.model(model, modelField)
        let window = try Self.window(window, windowField)
        do {
            return try MetricsQuery(first: first, last: last, model: model, window: window)
        } catch {
            throw FieldError(field, error.reason)
        }
    }

    static func day(_ date: Attribution_V1_Date?, _ field: String) throws(FieldError) -> CalendarDay {
        guard let date else { throw FieldError(field, "is required") }
        guard let day = CalendarDay(year: Int(date.year), month: Int(date.month), day: Int(date.day)) else {
            throw FieldError(field, "is not a valid date")
        }
        return day
    }

    static func model(_ value: Attribution_V1_AttributionModel, _ field: String) throws(FieldError) -> AttributionModel {
        switch value {
        case .unspecified, .lastTouch: .lastTouch
        case .firstTouch: .firstTouch
        case .linear: .linear
        case .timeDecay: .timeDecay
        case .positionBased: .positionBased
        case .UNRECOGNIZED: throw FieldError(field, "is not a known attribution model")
        }
    }

    static func window(_ value: Attribution_V1_AttributionWindow, _ field: String) throws(FieldError) -> AttributionWindow {
        switch value {
        case .unspecified, .attributionWindow30Days: .thirtyDays
        case .attributionWindow1Day: .oneDay
        case .attributionWindow7Days: .sevenDays
        case .attributionWindow14Days: .fourteenDays
        case .attributionWindow28Days: .twentyEightDays
        case .attributionWindow90Days: .ninetyDays
        case .UNRECOGNIZED: throw FieldError(field, "is not a known attribution window")
        }
    }

    static func range(first: CalendarDay, last: CalendarDay) -> Attribution_V1_DateRange {
        var range = Attribution_V1_DateRange()
        range.startDate = date(first)
        range.endDate = date(last)
        return range
    }

    static func date(_ day: CalendarDay) -> Attribution_V1_Date {
        var date = Attribution_V1_Date()
        date.year = Int32(day.year)
        date.month = Int32(day.month)
        date.day = Int32(day.day)
        return date
    }
}

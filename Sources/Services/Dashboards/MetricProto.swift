import AttributionCore
import AttributionStore
import Foundation
import Protos
import ServiceKit

/// The query layer's values as dashboards.proto and common.proto show them:
/// one definition of each metric for widgets and QueryMetrics alike.
enum MetricProto {
    static func model(_ model: Attribution_V1_AttributionModel) -> AttributionModel? {
        switch model {
        case .firstTouch: .firstTouch
        case .lastTouch: .lastTouch
        case .linear: .linear
        case .timeDecay: .timeDecay
        case .positionBased: .positionBased
        default: nil
        }
    }

    static func window(_ window: Attribution_V1_AttributionWindow) -> AttributionWindow? {
        switch window {
        case .attributionWindow1Day: .oneDay
        case .attributionWindow7Days: .sevenDays
        case .attributionWindow14Days: .fourteenDays
        case .attributionWindow28Days: .twentyEightDays
        case .attributionWindow30Days: .thirtyDays
        case .attributionWindow90Days: .ninetyDays
        default: nil
        }
    }

    /// Whether the metric is a percentage (its changes are in points).
    static func isPercentage(_ metric: Attribution_V1_MetricName) -> Bool { metric == .revenueShare }

    /// Whether the metric is money (in minor units).
    static func isMoney(_ metric: Attribution_V1_MetricName) -> Bool {
        [.revenue, .spend, .averageOrderValue, .costPerAcquisition].contains(metric)
    }

    /// The metric of a group in its unit: minor units for money, percent for revenue share.
    static func number(_ metric: Attribution_V1_MetricName, _ group: MetricsGroup) -> Double {
        let totals = group.totals
        let conversions = NSDecimalNumber(decimal: totals.conversions).doubleValue
        switch metric {
        case .revenue: return Double(totals.revenueMinor)
        case .conversions: return conversions
        case .spend: return Double(totals.spendMinor)
        case .roas: return totals.roas
        case .averageOrderValue: return Double(totals.averageOrderValueMinor)
        case .costPerAcquisition: return conversions == 0 ? 0 : (Double(totals.spendMinor) / conversions).rounded()
        case .revenueShare: return group.revenueSharePercent
        default: return 0
        }
    }

    /// `number` as a MetricValue: money metrics in `currency`.
    static func value(_ metric: Attribution_V1_MetricName, number: Double, currency: String) -> Attribution_V1_MetricValue {
        var value = Attribution_V1_MetricValue()
        value.metric = metric
        if isMoney(metric) {
            var money = Attribution_V1_Money()
            money.amountMinor = Int64(number.rounded())
            money.currencyCode = currency
            value.money = money
        } else {
            value.number = number
        }
        return value
    }

    static func value(_ metric: Attribution_V1_MetricName, _ group: MetricsGroup, currency: String) -> Attribution_V1_MetricValue {
        value(metric, number: number(metric, group), currency: currency)
    }

    static func values(_ totals: MetricTotals, currency: String) -> Attribution_V1_MetricValues {
        var values = Attribution_V1_MetricValues()
        values.revenue = money(totals.revenueMinor, currency)
        values.conversions = NSDecimalNumber(decimal: totals.conversions).doubleValue
        values.spend = money(totals.spendMinor, currency)
        values.roas = totals.roas
        values.averageOrderValueMinor = totals.averageOrderValueMinor
        return values
    }

    static func delta(_ delta: MetricDelta) -> Attribution_V1_MetricDelta {
        var proto = Attribution_V1_MetricDelta()
        proto.revenueChangeMinor = delta.revenueChangeMinor
        proto.revenueChangePercent = delta.revenueChangePercent
        proto.conversionsChange = NSDecimalNumber(decimal: delta.conversionsChange).doubleValue
        proto.conversionsChangePercent = delta.conversionsChangePercent
        proto.spendChangeMinor = delta.spendChangeMinor
        proto.spendChangePercent = delta.spendChangePercent
        return proto
    }

    static func money(_ minor: Int64, _ currency: String) -> Attribution_V1_Money {
        var money = Attribution_V1_Money()
        money.amountMinor = minor
        money.currencyCode = currency
        return money
    }

    static func range(_ query: MetricsQuery) -> Attribution_V1_DateRange {
        var range = Attribution_V1_DateRange()
        range.startDate = Attribution_V1_Date(query.first)
        range.endDate = Attribution_V1_Date(query.last)
        return range
    }

    /// A requested range: valid days, start not after end, at most `maximumDays`, not after `today`.
    static func days(
        _ range: Attribution_V1_DateRange, _ field: String, maximumDays: Int, today: CalendarDay
    ) throws(FieldError) -> (CalendarDay, CalendarDay) {
        guard range.hasStartDate else { throw FieldError("\(field).start_date", "is required") }
        guard range.hasEndDate else { throw FieldError("\(field).end_date", "is required") }
        guard let first = CalendarDay(year: Int(range.startDate.year), month: Int(range.startDate.month), day: Int(range.startDate.day)) else {
            throw FieldError("\(field).start_date", "is not a valid date")
        }
        guard let last = CalendarDay(year: Int(range.endDate.year), month: Int(range.endDate.month), day: Int(range.endDate.day)) else {
            throw FieldError("\(field).end_date", "is not a valid date")
        }
        guard first <= last else { throw FieldError("\(field).end_date", "is before start_date (\(first))") }
        guard last <= today else { throw FieldError("\(field).end_date", "is after today (\(today), UTC)") }
        let days = first.days(to: last) + 1
        guard days <= maximumDays else { throw FieldError(field, "spans \(days) days; at most \(maximumDays)") }
        return (first, last)
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

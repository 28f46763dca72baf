import Protos
import ServiceKit
import SwiftProtobuf

extension WidgetValidation {
    /// The type-specific options: KPI comparison, series granularity, row and slice limits.
    static func checkOptions(_ config: Attribution_V1_WidgetConfig, type: Attribution_V1_WidgetType, _ field: String) throws(FieldError) {
        if type == .kpi {
            guard [.unspecified, .previousPeriod, .periodsAgo, .target].contains(config.comparison) else {
                throw FieldError("\(field).comparison", "is not a comparison (previous_period, periods_ago or target)")
            }
            if config.comparison == .periodsAgo {
                guard (1...12).contains(config.periodsAgo) else { throw FieldError("\(field).periods_ago", "must be 1 to 12 with periods_ago") }
            } else if config.periodsAgo != 0 {
                throw FieldError("\(field).periods_ago", "is only for the periods_ago comparison")
            }
            if config.comparison == .target {
                guard config.hasTarget else { throw FieldError("\(field).target", "is required with the target comparison") }
                guard config.target.value.isFinite else { throw FieldError("\(field).target", "must be a finite number") }
            } else if config.hasTarget {
                throw FieldError("\(field).target", "is only for the target comparison")
            }
        } else {
            if config.comparison != .unspecified { throw FieldError("\(field).comparison", "is only for kpi widgets") }
            if config.periodsAgo != 0 { throw FieldError("\(field).periods_ago", "is only for kpi widgets") }
            if config.hasTarget { throw FieldError("\(field).target", "is only for kpi widgets") }
        }
        if type == .lineChart || type == .barChart {
            guard [.unspecified, .day, .week, .month].contains(config.granularity) else {
                throw FieldError("\(field).granularity", "is not a granularity (day, week or month)")
            }
        } else if config.granularity != .unspecified {
            throw FieldError("\(field).granularity", "is only for line and bar charts")
        }
        switch type {
        case .table, .barChart:
            guard (0...50).contains(config.limit) else { throw FieldError("\(field).limit", "must be 1 to 50 rows (0: 50)") }
        case .pie:
            guard config.limit == 0 || (2...10).contains(config.limit) else { throw FieldError("\(field).limit", "must be 2 to 10 slices (0: 10)") }
        default:
            if config.limit != 0 { throw FieldError("\(field).limit", "is only for table, bar and pie widgets") }
        }
    }
}

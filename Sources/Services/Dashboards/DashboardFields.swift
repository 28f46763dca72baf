import AttributionStore
import Protos
import ServiceKit
import SwiftProtobuf

/// The dashboard's updatable fields, each validated into its stored form:
/// UpdateDashboard applies the fields of its mask, CreateDashboard all of them.
enum DashboardFields {
    static let update = FieldMaskUpdate<Attribution_V1_Dashboard, DashboardRecord>([
        .init("name") { input, record throws(FieldError) in
            record.name = try Validate.required(input.name, "dashboard.name", maximum: 200)
        },
        .init("description") { input, record throws(FieldError) in
            record.description = try Validate.optional(input.description_p, "dashboard.description", maximum: 2000)
        },
        .init("is_default") { input, record in record.isDefault = input.isDefault },
        .init("date_range_default") { input, record throws(FieldError) in
            record.dateRange = try dateRange(input.dateRangeDefault).storedName ?? "last_30d"
        },
        .init("refresh_interval_minutes") { input, record throws(FieldError) in
            record.refreshIntervalMinutes = try refreshInterval(input)
        },
        .init("widgets") { input, record throws(FieldError) in
            record.layout = try DashboardLayout.encode(try widgets(input.widgets, "dashboard.widgets"), "dashboard.widgets")
        },
        .init("shared") { input, record in record.shared = input.shared },
    ])

    /// Every field of `dashboard`, for a create.
    static func record(_ dashboard: Attribution_V1_Dashboard) throws(FieldError) -> DashboardRecord {
        var record = DashboardRecord()
        try update.select(Google_Protobuf_FieldMask(protoPaths: update.paths)).apply(dashboard, to: &record)
        return record
    }

    private static let dateRanges: [Attribution_V1_RelativeDateRange] = [.last7Days, .last14Days, .last30Days]

    private static func dateRange(_ value: Attribution_V1_RelativeDateRange) throws(FieldError) -> Attribution_V1_RelativeDateRange {
        if value == .unspecified { return .last30Days }
        guard dateRanges.contains(value) else {
            throw FieldError("dashboard.date_range_default", "must be last_7d, last_14d or last_30d")
        }
        return value
    }

    private static func refreshInterval(_ dashboard: Attribution_V1_Dashboard) throws(FieldError) -> Int? {
        guard dashboard.hasRefreshIntervalMinutes else { return nil }
        let minutes = dashboard.refreshIntervalMinutes.value
        guard (1...1440).contains(minutes) else { throw FieldError("dashboard.refresh_interval_minutes", "must be 1 to 1440 minutes") }
        return Int(minutes)
    }

    /// The widgets checked one by one, their ids unique, then placed on the grid.
    static func widgets(_ widgets: [Attribution_V1_Widget], _ field: String) throws(FieldError) -> [Attribution_V1_Widget] {
        let checked = try Validate.list(widgets, field, maximum: WidgetRules.maximumWidgets, noun: "widgets") {
            widget, name throws(FieldError) in
            try WidgetValidation.check(widget, name)
            return widget
        }
        for (index, widget) in checked.enumerated() {
            if let first = checked[..<index].firstIndex(where: { $0.id == widget.id }) {
                throw FieldError("\(field)[\(index)].id", "repeats the id of \(field)[\(first)]")
            }
        }
        return try GridPlacement.resolve(checked, field)
    }
}

import ArgumentParser
import Foundation
import Protos

/// The names `attrctl metrics` accepts: the store's model and window names
/// (`last_touch`, `7d`) and the groupings.
enum MetricsNames {
    static let models: [(Attribution_V1_AttributionModel, String)] = [
        (.firstTouch, "first_touch"), (.lastTouch, "last_touch"), (.linear, "linear"), (.timeDecay, "time_decay"),
        (.positionBased, "position_based"),
    ]
    static let windows: [(Attribution_V1_AttributionWindow, String)] = [
        (.attributionWindow1Day, "1d"), (.attributionWindow7Days, "7d"), (.attributionWindow14Days, "14d"),
        (.attributionWindow28Days, "28d"), (.attributionWindow30Days, "30d"), (.attributionWindow90Days, "90d"),
    ]
    static let groupings: [(Attribution_V1_MetricsGrouping, String)] = [
        (.channel, "channel"), (.campaign, "campaign"), (.day, "day"), (.week, "week"), (.month, "month"),
    ]

    static func parse<Value>(_ text: String, _ flag: String, _ table: [(Value, String)]) throws(ValidationError) -> Value {
        guard let value = table.first(where: { $0.1 == text.lowercased() })?.0 else {
            throw ValidationError("\(flag) must be one of \(table.map(\.1).joined(separator: ", "))")
        }
        return value
    }

    /// A YYYY-MM-DD flag value.
    static func date(_ text: String, _ flag: String) throws(ValidationError) -> Attribution_V1_Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int32(parts[0]), let month = Int32(parts[1]), let day = Int32(parts[2]) else {
            throw ValidationError("\(flag) must be a date as YYYY-MM-DD")
        }
        var date = Attribution_V1_Date()
        (date.year, date.month, date.day) = (year, month, day)
        return date
    }

    /// Minor units as a decimal amount with its currency: 123456 USD → "1234.56 USD".
    static func money(_ money: Attribution_V1_Money) -> String {
        let sign = money.amountMinor < 0 ? "-" : ""
        let magnitude = money.amountMinor.magnitude
        return "\(sign)\(magnitude / 100).\(String(format: "%02d", Int(magnitude % 100))) \(money.currencyCode)".trimmingCharacters(in: .whitespaces)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }

    static func percent(_ value: Double) -> String { String(format: "%+.1f%%", value) }

    static func day(_ date: Attribution_V1_Date) -> String { String(format: "%04d-%02d-%02d", date.year, date.month, date.day) }
}

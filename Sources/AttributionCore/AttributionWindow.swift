public import Foundation

/// How far before an order a touchpoint may be and still get credit. The raw
/// value is what the database stores in `attribution_window` columns.
public enum AttributionWindow: String, Sendable, Hashable, CaseIterable, Comparable {
    case oneDay = "1d"
    case sevenDays = "7d"
    case fourteenDays = "14d"
    case twentyEightDays = "28d"
    case thirtyDays = "30d"
    case ninetyDays = "90d"

    public var days: Int {
        switch self {
        case .oneDay: 1
        case .sevenDays: 7
        case .fourteenDays: 14
        case .twentyEightDays: 28
        case .thirtyDays: 30
        case .ninetyDays: 90
        }
    }

    public var seconds: TimeInterval { TimeInterval(days) * 86_400 }

    /// The widest window: how far back any touchpoint can matter.
    public static let widest = AttributionWindow.ninetyDays

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.days < rhs.days }
}

public import Foundation

/// An order as the attribution models see it.
public struct Conversion: Sendable, Hashable {
    /// The stored row's id (`attribution_conversions.id`).
    public var id: UUID
    public var orderedAt: Date
    public var revenueMinor: Int64
    public var currency: String

    public init(id: UUID, orderedAt: Date, revenueMinor: Int64, currency: String) {
        self.id = id
        self.orderedAt = orderedAt
        self.revenueMinor = revenueMinor
        self.currency = currency
    }
}

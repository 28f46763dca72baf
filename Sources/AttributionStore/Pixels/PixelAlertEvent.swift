public import Foundation

/// A recorded accuracy alert awaiting delivery.
public struct PixelAlertEvent: Sendable, Equatable {
    public var id: UUID
    public var platform: String
    public var accuracyPercent: Decimal
    public var thresholdPercent: Int
    public var windowEnd: Date
    /// `email` or `slack`.
    public var channel: String
    public var targets: [String]
}

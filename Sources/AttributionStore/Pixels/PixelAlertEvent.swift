public import Foundation

/// A recorded accuracy alert, as claimed for one delivery attempt.
public struct PixelAlertEvent: Sendable, Equatable {
    public var id: UUID
    public var platform: String
    public var accuracyPercent: Decimal
    public var thresholdPercent: Int
    public var windowEnd: Date
    /// `email` or `slack`.
    public var channel: String
    public var targets: [String]
    /// Targets an earlier attempt delivered to (Slack channels): not sent again.
    public var deliveredTargets: [String]
    /// This attempt's number, from 1.
    public var attempt: Int

    /// The targets this attempt still has to send to, in configured order.
    public var remainingTargets: [String] {
        targets.filter { !deliveredTargets.contains($0) }
    }
}

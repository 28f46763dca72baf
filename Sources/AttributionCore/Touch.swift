public import Foundation

/// A touchpoint as the attribution models see it.
public struct Touch: Sendable, Hashable {
    /// The stored row's id (`attribution_touchpoints.id`).
    public var id: UUID
    public var channel: String
    public var campaign: String?
    public var occurredAt: Date
    /// The sender's id: breaks ties between touchpoints at the same instant.
    public var touchpointID: String

    public init(id: UUID, channel: String, campaign: String?, occurredAt: Date, touchpointID: String) {
        self.id = id
        self.channel = channel
        self.campaign = campaign
        self.occurredAt = occurredAt
        self.touchpointID = touchpointID
    }

    /// Chronological, ties broken by the sender's id, so every model sees one order.
    static func chronological(_ lhs: Touch, _ rhs: Touch) -> Bool {
        (lhs.occurredAt, lhs.touchpointID) < (rhs.occurredAt, rhs.touchpointID)
    }
}

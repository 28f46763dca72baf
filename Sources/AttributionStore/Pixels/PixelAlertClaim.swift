public import Foundation

/// An alert claimed by one `PixelAlertOutbox` for one attempt: it is
/// `sending` under this claim's id until `PixelAlertOutbox.finish` records
/// the outcome or the lease runs out (then another replica may claim it).
public struct PixelAlertClaim: Sendable, Equatable {
    /// A fresh id per claim: only its holder may record progress and outcome.
    public let id: UUID
    public let alert: PixelAlertEvent

    public init(id: UUID, alert: PixelAlertEvent) {
        self.id = id
        self.alert = alert
    }
}

/// The claim passed to another replica (its lease expired first): this
/// replica must stop sending the alert and record nothing.
public struct PixelAlertClaimLost: Error, Sendable, CustomStringConvertible {
    public let alertID: UUID

    public var description: String {
        "the claim of pixel alert \(alertID) expired and passed to another replica"
    }
}

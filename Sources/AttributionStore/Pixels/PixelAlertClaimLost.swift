public import Foundation

/// A later attempt of the alert (another replica's, after this one's lease
/// expired) has taken it over: this replica must stop sending the alert and
/// record nothing.
public struct PixelAlertClaimLost: Error, Sendable, CustomStringConvertible {
    public let alertID: UUID

    public var description: String {
        "the claim of pixel alert \(alertID) expired and passed to another replica"
    }
}

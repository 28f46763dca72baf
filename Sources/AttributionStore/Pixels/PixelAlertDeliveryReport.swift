/// What one `PixelAlertOutbox.deliver` round did.
public struct PixelAlertDeliveryReport: Sendable, Equatable {
    /// Alerts delivered to all their targets.
    public var sent = 0
    /// Alerts whose attempt failed transiently: pending again, with a later attempt time.
    public var retrying = 0
    /// Alerts that failed for good (a permanent error, or the last attempt).
    public var failed = 0
    /// Claims this round lost to another replica (its lease expired while sending).
    public var lost = 0

    public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0, lost: Int = 0) {
        self.sent = sent
        self.retrying = retrying
        self.failed = failed
        self.lost = lost
    }

    public var isEmpty: Bool { self == PixelAlertDeliveryReport() }
}

public import Foundation

/// One row of `attribution_results`: the share of one order given to one
/// touchpoint (or to direct) under one model and window.
public struct AttributedCredit: Sendable, Hashable {
    public var conversionID: UUID
    /// nil for direct: the order had no touchpoint inside the window.
    public var touchID: UUID?
    public var model: AttributionModel
    public var window: AttributionWindow
    public var channel: String
    public var campaign: String?
    /// The credit in units of 10⁻⁸ (what NUMERIC(9,8) holds exactly); the
    /// credits of one order, model and window sum to exactly 100,000,000.
    public var creditUnits: Int64
    /// The order's revenue times the credit, in whole minor units; these sum
    /// to the order's revenue exactly.
    public var revenueMinor: Int64

    public static let unitsPerCredit: Int64 = 100_000_000

    public init(
        conversionID: UUID, touchID: UUID?, model: AttributionModel, window: AttributionWindow,
        channel: String, campaign: String?, creditUnits: Int64, revenueMinor: Int64
    ) {
        self.conversionID = conversionID
        self.touchID = touchID
        self.model = model
        self.window = window
        self.channel = channel
        self.campaign = campaign
        self.creditUnits = creditUnits
        self.revenueMinor = revenueMinor
    }

    /// The credit as a decimal fraction, e.g. 0.33333334.
    public var credit: Decimal { Decimal(creditUnits) / Decimal(Self.unitsPerCredit) }
}

public import Foundation

/// A validated touchpoint, ready to store.
public struct TouchpointRecord: Sendable {
    public var touchpointID: String
    public var channel: String
    public var campaign: String?
    public var occurredAt: Date
    public var sessionID: String?
    public var customerID: String?
    public var landingPage: String?
    public var referrer: String?
    public var utm: UTM

    public init(
        touchpointID: String, channel: String, campaign: String? = nil, occurredAt: Date,
        sessionID: String? = nil, customerID: String? = nil, landingPage: String? = nil,
        referrer: String? = nil, utm: UTM = UTM()
    ) {
        self.touchpointID = touchpointID
        self.channel = channel
        self.campaign = campaign
        self.occurredAt = occurredAt
        self.sessionID = sessionID
        self.customerID = customerID
        self.landingPage = landingPage
        self.referrer = referrer
        self.utm = utm
    }
}

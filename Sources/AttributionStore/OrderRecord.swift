public import Foundation

/// A validated order, ready to store.
public struct OrderRecord: Sendable {
    public var orderID: String
    public var orderedAt: Date
    public var revenueMinor: Int64
    public var currency: String
    public var discountCodes: [String]
    public var landingPage: String?
    public var referrer: String?
    public var utm: UTM
    public var customerID: String?
    public var sessionID: String?
    public var isNewCustomer: Bool

    public init(
        orderID: String, orderedAt: Date, revenueMinor: Int64, currency: String, discountCodes: [String] = [],
        landingPage: String? = nil, referrer: String? = nil, utm: UTM = UTM(),
        customerID: String? = nil, sessionID: String? = nil, isNewCustomer: Bool = false
    ) {
        self.orderID = orderID
        self.orderedAt = orderedAt
        self.revenueMinor = revenueMinor
        self.currency = currency
        self.discountCodes = discountCodes
        self.landingPage = landingPage
        self.referrer = referrer
        self.utm = utm
        self.customerID = customerID
        self.sessionID = sessionID
        self.isNewCustomer = isNewCustomer
    }
}

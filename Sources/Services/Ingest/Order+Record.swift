import ServiceKit
import AttributionStore
import Foundation
import Protos

extension Attribution_V1_Order {
    /// The validated record.
    func record(now: Date) throws(FieldError) -> OrderRecord {
        let id = try Validate.required(orderID, "order_id", maximum: 200)
        let time = try Validate.time(hasOrderedAt ? orderedAt : nil, "ordered_at", now: now, past: IngestService.maximumRecordAge)
        guard hasRevenue else { throw FieldError("revenue", "is required") }
        let amount = try Validate.amount(revenue.amountMinor, "revenue.amount_minor")
        let currency = try Validate.currency(revenue.currencyCode, "revenue.currency_code")
        guard discountCodes.count <= 20 else { throw FieldError("discount_codes", "has more than 20 codes") }
        var codes: [String] = []
        for (index, code) in discountCodes.enumerated() {
            codes.append(try Validate.required(code, "discount_codes[\(index)]", maximum: 100))
        }
        return OrderRecord(
            orderID: id, orderedAt: time, revenueMinor: amount, currency: currency, discountCodes: codes,
            landingPage: try Validate.url(landingPageURL, "landing_page_url"),
            referrer: try Validate.optional(referrer, "referrer", maximum: 2000),
            utm: try utm.record(field: "utm"),
            customerID: try Validate.optional(customerID, "customer_id", maximum: 200),
            sessionID: try Validate.optional(sessionID, "session_id", maximum: 200),
            isNewCustomer: customerType == .new)
    }
}

extension Attribution_V1_UtmParameters {
    func record(field: String) throws(FieldError) -> UTM {
        UTM(
            source: try Validate.optional(source, "\(field).source", maximum: 200),
            medium: try Validate.optional(medium, "\(field).medium", maximum: 200),
            campaign: try Validate.optional(campaign, "\(field).campaign", maximum: 200),
            content: try Validate.optional(content, "\(field).content", maximum: 200),
            term: try Validate.optional(term, "\(field).term", maximum: 200))
    }
}

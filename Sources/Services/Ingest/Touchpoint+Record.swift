import ServiceKit
import AttributionStore
import Foundation
import Protos

extension Attribution_V1_Touchpoint {
    /// The validated record.
    func record(now: Date) throws(FieldError) -> TouchpointRecord {
        let id = try Validate.required(touchpointID, "touchpoint_id", maximum: 200)
        let channel = try Validate.required(channel, "channel", maximum: 64)
        guard channel.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else { throw FieldError("channel", "may contain only lowercase letters, digits, '_' and '-'") }
        let session = try Validate.optional(sessionID, "session_id", maximum: 200)
        let customer = try Validate.optional(customerID, "customer_id", maximum: 200)
        guard session != nil || customer != nil else {
            throw FieldError("", "needs a session_id or a customer_id to be attributable")
        }
        return TouchpointRecord(
            touchpointID: id, channel: channel, campaign: try Validate.optional(campaign, "campaign", maximum: 200),
            occurredAt: try Validate.time(hasOccurredAt ? occurredAt : nil, "occurred_at", now: now, past: IngestService.maximumRecordAge),
            sessionID: session, customerID: customer,
            landingPage: try Validate.url(landingPageURL, "landing_page_url"),
            referrer: try Validate.optional(referrer, "referrer", maximum: 2000),
            utm: try utm.record(field: "utm"))
    }
}

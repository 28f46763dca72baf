import Foundation
import Protos
import SwiftProtobuf

/// The pixel events the ingest benchmark sends: Meta purchases with an email,
/// a phone and browser ids (so hashing and match keys cost what they cost in
/// production), each with an event id unique to the run.
struct SyntheticEvents: Sendable {
    /// Tells this run's event ids from every earlier run's.
    let run = UUID().uuidString.prefix(8)

    func batch(worker: Int, sequence: Int, size: Int) -> Attribution_V1_IngestPixelEventsRequest {
        var request = Attribution_V1_IngestPixelEventsRequest()
        let now = Google_Protobuf_Timestamp(date: Date())
        request.events = (0..<size).map { index in
            let n = "\(worker)-\(sequence)-\(index)"
            var event = Attribution_V1_PixelEvent()
            event.platform = .meta
            event.eventType = .purchase
            event.eventID = "bench-\(run)-\(n)"
            event.eventTime = now
            event.orderID = "order-\(run)-\(n)"
            event.sessionID = "session-\(run)-\(worker)"
            event.deliveryStatus = .delivered
            event.userData.emails = ["  Shopper.\(n)@Example.com "]
            event.userData.phones = ["+1 (650) 555-\(String(format: "%04d", index % 10_000))"]
            event.userData.clientIpAddress = "203.0.113.\(index % 250)"
            event.userData.clientUserAgent = "Mozilla/5.0 (X11; Linux x86_64) attrbench"
            event.userData.fbp = "fb.1.1700000000000.\(sequence)"
            event.value.amountMinor = 4_999
            event.value.currencyCode = "USD"
            return event
        }
        return request
    }
}

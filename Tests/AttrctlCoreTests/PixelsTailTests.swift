import ArgumentParser
@testable import AttrctlCore
import Foundation
import Protos
import SwiftProtobuf
import Testing

@Suite("attrctl pixels tail")
struct PixelsTailTests {
    @Test func filtersBecomeTheRequest() throws {
        let options = try PixelStreamFilterOptions.parse([
            "--platform", "meta", "--event-type", "add_to_cart", "--match-status", "partial",
            "--delivery-status", "FAILED", "--order-id-prefix", "ORD-",
        ])
        let request = try options.request()
        #expect(request.platform == .meta)
        #expect(request.eventType == .addToCart)
        #expect(request.matchStatus == .partial)
        #expect(request.deliveryStatus == .failed)
        #expect(request.orderIDPrefix == "ORD-")
        #expect(try PixelStreamFilterOptions.parse([]).request() == Attribution_V1_StreamEventsRequest())
    }

    @Test func anUnknownValueNamesTheFlag() throws {
        let options = try PixelStreamFilterOptions.parse(["--platform", "myspace"])
        #expect {
            try options.request()
        } throws: { error in
            "\(error)".contains("--platform must be one of ga4, meta, tiktok")
        }
    }

    static func event() -> Attribution_V1_PixelEventRecord {
        var event = Attribution_V1_PixelEventRecord()
        event.id = "0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e"
        event.platform = .meta
        event.eventType = .purchase
        event.eventName = "Purchase"
        event.eventID = "e1"
        event.receiveTime = Google_Protobuf_Timestamp(seconds: 1_764_000_000)
        event.orderID = "O-1"
        event.value.amountMinor = 1999
        event.value.currencyCode = "USD"
        event.matchStatus = .matched
        event.deliveryStatus = .failed
        event.errorMessage = "bad token"
        return event
    }

    @Test func aReadableLinePerEvent() throws {
        #expect(
            try PixelEventLine.render(Self.event(), format: .table)
                == "2025-11-24T16:00:00Z  meta  purchase  Purchase  id=e1  order=O-1  value=1999 USD  matched  failed  error=bad token")
    }

    @Test func oneJSONObjectPerLineInTheProtobufMapping() throws {
        let line = try PixelEventLine.render(Self.event(), format: .json)
        #expect(!line.contains("\n"))
        let decoded = try Attribution_V1_PixelEventRecord(jsonString: line)
        #expect(decoded == Self.event())
        #expect(line.contains(#""eventType":"PIXEL_EVENT_TYPE_PURCHASE""#))
    }
}

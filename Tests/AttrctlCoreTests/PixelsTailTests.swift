import ArgumentParser
@testable import AttrctlCore
import Foundation
import Protos
import SwiftProtobuf
import Testing

@Suite("attrctl pixels tail")
struct PixelsTailTests {
    @Test func filtersBecomeTheRequest() throws {
        // The flags of `pixels events`, and their long forms.
        for flags in [
            ["--platform", "meta", "--type", "add_to_cart", "--match", "partial", "--delivery", "FAILED", "--order", "ORD-"],
            [
                "--platform", "meta", "--event-type", "add_to_cart", "--match-status", "partial", "--delivery-status", "FAILED",
                "--order-id-prefix", "ORD-",
            ],
        ] {
            let request = try PixelsTailCommand.parse(flags).filters.streamRequest()
            #expect(request.platform == .meta)
            #expect(request.eventType == .addToCart)
            #expect(request.matchStatus == .partial)
            #expect(request.deliveryStatus == .failed)
            #expect(request.orderIDPrefix == "ORD-")
        }
        #expect(try PixelsTailCommand.parse([]).filters.streamRequest() == Attribution_V1_StreamEventsRequest())
    }

    @Test func anUnknownValueNamesTheFlag() throws {
        #expect(PixelsRequestTests.rejects("--platform must be one of ga4, meta, tiktok") {
            _ = try PixelsTailCommand.parse(["--platform", "myspace"])
        })
        #expect(PixelsRequestTests.rejects("--match must be one of") { _ = try PixelsTailCommand.parse(["--match", "maybe"]) })
    }

    static func event() -> Attribution_V1_PixelEventRecord {
        var event = Attribution_V1_PixelEventRecord()
        event.id = "0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e"
        event.platform = .meta
        event.eventType = .purchase
        event.eventName = "Purchase"
        event.eventID = "e1"
        event.eventTime = Google_Protobuf_Timestamp(seconds: 1_763_999_000)  // 2025-11-24T15:43:20Z
        event.receiveTime = Google_Protobuf_Timestamp(seconds: 1_764_000_000)
        event.orderID = "O-1"
        event.value.amountMinor = 1999
        event.value.currencyCode = "USD"
        event.matchStatus = .matched
        event.deliveryStatus = .failed
        event.errorMessage = "bad token"
        return event
    }

    @Test func aLinePerEventUnderAHeaderWithTheEventTime() throws {
        let line = try PixelEventLine.render(Self.event(), format: .table)
        #expect(PixelEventLine.header == "TIME                   PLATFORM   TYPE          MATCH       DELIVERY    EVENT")
        #expect(line
            == "2025-11-24T15:43:20Z   meta       purchase      matched     failed      Purchase  id=e1  order=O-1  value=1999 USD  error=bad token")
        // The columns line up under the header.
        for name in ["PLATFORM", "TYPE", "MATCH", "DELIVERY", "EVENT"] {
            let column = PixelEventLine.header.range(of: name)!.lowerBound.utf16Offset(in: PixelEventLine.header)
            #expect(line.utf16.dropFirst(column - 3).prefix(3).allSatisfy { $0 == 32 } && line.utf16.dropFirst(column).first != 32, "\(name)")
        }
        #expect(try PixelEventLine.render(Self.event(), format: .wide) == line)
    }

    @Test func oneJSONObjectPerLineInTheProtobufMapping() throws {
        let line = try PixelEventLine.render(Self.event(), format: .json)
        #expect(!line.contains("\n"))
        let decoded = try Attribution_V1_PixelEventRecord(jsonString: line)
        #expect(decoded == Self.event())
        #expect(line.contains(#""eventType":"PIXEL_EVENT_TYPE_PURCHASE""#))
    }
}

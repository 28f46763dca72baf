import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf
import Testing

@testable import AttrctlCore

struct RecordFileTests {
    @Test func readsAJSONArrayInEitherFieldNaming() throws {
        let text = #"[{"order_id": "a", "revenue": {"amount_minor": "100", "currency_code": "USD"}}, {"orderId": "b"}]"#
        let file = try RecordFile<Attribution_V1_Order>(data: Data(text.utf8), name: "orders.json")
        #expect(file.records.map(\.record.orderID) == ["a", "b"])
        #expect(file.records[0].record.revenue.amountMinor == 100)
        #expect(file.problems.isEmpty)
    }

    @Test func readsNDJSONAndReportsBadLinesByPosition() throws {
        let text = """
            {"touchpointId": "t1", "channel": "email"}

            {"touchpointId": "t2", "chanel": "typo"}
            not json
            {"touchpointId": "t3", "occurredAt": "2026-05-01T10:00:00Z"}
            """
        let file = try RecordFile<Attribution_V1_Touchpoint>(data: Data(text.utf8), name: "t.ndjson")
        #expect(file.records.map(\.index) == [0, 3])
        #expect(file.records[1].record.occurredAt.seconds == 1_777_629_600)
        #expect(file.problems.map(\.index) == [1, 2])
        #expect(file.problems[0].reason.hasPrefix("line 3: unknown field \"chanel\""))
        #expect(file.problems[1].reason.hasPrefix("line 4: expected a JSON object, found text that is not JSON"))
    }

    @Test func aBrokenArrayIsAUsageError() {
        #expect(throws: (any Error).self) {
            try RecordFile<Attribution_V1_Order>(data: Data("[{\"orderId\": ".utf8), name: "broken.json")
        }
    }

    /// Each bad input of issue 13 is explained by its line, field, expectation and finding.
    @Test(arguments: [
        (#"{"order_id": "a", "revenue": {"amount_minor": "12.5x", "currency_code": "USD"}}"#,
         "revenue.amount_minor", "line 1: field revenue.amount_minor: expected a number in the field's range"
            + #" (64-bit integers may be decimal strings, e.g. "12000"), found a string "12.5x""#),
        (#"{"order_id": 42}"#, "order_id", #"line 1: field order_id: expected a string, found a number 42"#),
        (#"{"order_id": "a", "revenue": "ten dollars"}"#, "revenue",
         "line 1: field revenue: expected a value of the field's type (an object for a message, an array for a repeated field), "
            + #"found a string "ten dollars""#),
        (#"{"order_id": "a", "bogus_field": 1}"#, "",
         #"line 1: unknown field "bogus_field" in attribution.v1.Order (see its .proto for the field names)"#),
        (#"{"order_id": "a", "revenue": {"amount_minor": "1", "bogus": 1}}"#, "revenue",
         #"line 1: unknown field "bogus" in field revenue (see its .proto for the field names)"#),
        (#"{"order_id": "a", "customer_type": "CUSTOMER_TYPE_ALIEN"}"#, "customer_type",
         #"line 1: field customer_type: expected one of the enum's value names (see its .proto), found a string "CUSTOMER_TYPE_ALIEN""#),
        (#"{"order_id": "a", "ordered_at": "yesterday"}"#, "ordered_at",
         #"line 1: field ordered_at: expected an RFC 3339 timestamp, e.g. "2026-03-10T12:00:00Z", found a string "yesterday""#),
        ("42", "", "line 1: expected a JSON object, found a number 42"),
    ])
    func badRecordsAreExplained(json: String, field: String, reason: String) throws {
        let file = try RecordFile<Attribution_V1_Order>(data: Data(json.utf8), name: "orders.ndjson")
        #expect(file.records.isEmpty)
        #expect(file.problems.map(\.field) == [field])
        #expect(file.problems.map(\.reason) == [reason])
    }

    @Test func arrayElementsAreNamedByIndex() throws {
        let text = #"[{"order_id": "a"}, "b", {"order_id": "c", "ordered_at": 5}]"#
        let file = try RecordFile<Attribution_V1_Order>(data: Data(text.utf8), name: "orders.json")
        #expect(file.records.map(\.index) == [0])
        #expect(file.problems.map(\.index) == [1, 2])
        #expect(file.problems[0].reason == #"array index 1: expected a JSON object, found a string "b""#)
        #expect(file.problems[1].reason == "array index 2: field ordered_at: expected a string, found a number 5")
    }

    @Test func anUnreadableFileSaysWhyWithoutTheUsage() {
        do {
            _ = try RecordFile<Attribution_V1_Order>(path: "/nope/orders.json")
            Issue.record("read a missing file")
        } catch {
            #expect(AttrctlCommand.exitCode(for: error) == .failure)
            #expect(AttrctlCommand.fullMessage(for: error) == "Error: cannot read /nope/orders.json: no such file")
        }
    }
}

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
        #expect(file.problems[0].reason.contains("chanel"))
        #expect(file.problems[1].reason == "is not a JSON object")
    }

    @Test func aBrokenArrayIsAUsageError() {
        #expect(throws: (any Error).self) {
            try RecordFile<Attribution_V1_Order>(data: Data("[{\"orderId\": ".utf8), name: "broken.json")
        }
    }
}

@testable import AttrctlCore
import Testing

@Suite("attrctl ingest: the report")
struct IngestReportTests {
    @Test func conflictsAreListedByRecordAfterTheRefusals() throws {
        var outcome = IngestOutcome()
        outcome.accepted = 3
        outcome.duplicates = 2
        outcome.rejected = [.init(index: 4, field: "order_id", reason: "is required")]
        outcome.conflicts = [
            .init(index: 1, field: "revenue.amount_minor", reason: "differs from the order already stored with this order_id"),
        ]
        let lines = try IngestReport.render(outcome, kind: OrdersKind.self, format: .table).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "3 orders stored, 2 duplicates, 1 refused")
        #expect(lines.contains("1 of the duplicates differ from the stored record; the stored (first) version was kept:"))
        let conflictRow = try #require(lines.last)
        #expect(conflictRow.split(separator: " ", omittingEmptySubsequences: true).prefix(2) == ["1", "revenue.amount_minor"])
        #expect(conflictRow.hasSuffix("differs from the order already stored with this order_id"))
    }

    @Test func withoutConflictsTheReportIsUnchanged() throws {
        var outcome = IngestOutcome()
        outcome.accepted = 2
        #expect(try IngestReport.render(outcome, kind: OrdersKind.self, format: .table) == "2 orders stored, 0 duplicates, 0 refused")
    }
}

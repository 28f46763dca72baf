import Testing

@testable import AttrctlCore

/// Ingest requests are cut by encoded size under the server's message limit,
/// and a record too large to travel alone is refused by itself.
struct IngestBatchPlanTests {
    @Test func batchesStayUnderTheByteLimit() {
        // Each 100-byte record costs 102 bytes in a request (tag and length).
        let plan = IngestBatchPlan(sizes: Array(repeating: 100, count: 10), maxCount: 500, maxBytes: 306)
        #expect(plan.batches == [0..<3, 3..<6, 6..<9, 9..<10])
        #expect(plan.oversized.isEmpty)
    }

    @Test func batchesStayUnderTheCountLimit() {
        let plan = IngestBatchPlan(sizes: Array(repeating: 10, count: 5), maxCount: 2, maxBytes: 4 << 20)
        #expect(plan.batches == [0..<2, 2..<4, 4..<5])
    }

    @Test func aRecordOverTheLimitIsLeftOutAloneAndItsNeighboursSent() {
        // 5 MB between two small records, under the default 4 MiB limit.
        let plan = IngestBatchPlan(sizes: [200, 5_000_000, 300, 400], maxCount: 500, maxBytes: 4 << 20)
        #expect(plan.batches == [0..<1, 2..<4])
        #expect(plan.oversized == [1])
    }

    @Test func manyMediumRecordsOverFourMiBInAllAreSplit() {
        let sizes = Array(repeating: 100_000, count: 100)   // 10 MB in all
        let plan = IngestBatchPlan(sizes: sizes, maxCount: 500, maxBytes: 4 << 20)
        #expect(plan.batches.allSatisfy { batch in batch.reduce(0) { $0 + IngestBatchPlan.fieldCost(sizes[$1]) } <= 4 << 20 })
        #expect(plan.batches.flatMap { Array($0) } == Array(0..<100))
        #expect(plan.batches.count == 3)
    }

    @Test func fieldCostCountsTheVarintLength() {
        #expect(IngestBatchPlan.fieldCost(0) == 2)
        #expect(IngestBatchPlan.fieldCost(127) == 129)
        #expect(IngestBatchPlan.fieldCost(128) == 131)
        #expect(IngestBatchPlan.fieldCost(4 << 20) == (4 << 20) + 5)
    }
}

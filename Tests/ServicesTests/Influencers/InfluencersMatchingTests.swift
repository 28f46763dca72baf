import Foundation
import Protos
import TestSupport
import Testing
import Wire

/// The matching rule, codes' uniqueness, re-attribution after a rule change, and tenant isolation.
@Suite("Influencers: matching and codes", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct InfluencersMatchingTests {
    @Test func codeFirstThenTouchpointsSharedEquallyAndNeverTwice() async throws {
        try await InfluencersFixture.with { f in
            let jane = try await f.create("Jane", codes: ["JANE10"], patterns: ["jane_*"], rate: 1_000)
            let ali = try await f.create("Ali", patterns: ["*_spring"])
            try await f.applyRules()
            try await f.record([
                f.touch("t1", at: InfluencersFixture.day(-1), customer: "c1", campaign: "jane_spring"),
                f.touch("t2", at: InfluencersFixture.day(-1), customer: "c2", campaign: "JANE_spring"),
                f.touch("t3a", at: InfluencersFixture.day(-2), customer: "c3", campaign: "jane_a"),
                f.touch("t3b", at: InfluencersFixture.day(-1), customer: "c3", campaign: "jane_b"),
            ])
            try await f.record([
                f.order("A", at: InfluencersFixture.day(0), revenue: 10_000, codes: ["jane10"], customer: "c1", new: true),
                f.order("B", at: InfluencersFixture.day(0), revenue: 9_001, customer: "c2"),
                f.order("C", at: InfluencersFixture.day(0), revenue: 6_000, customer: "c3"),
            ])
            #expect(try await f.credits("A") == [jane.id: "1.00000000 10000"])
            let b = try await f.credits("B")
            let (low, high) = jane.id < ali.id ? (jane.id, ali.id) : (ali.id, jane.id)
            #expect(b == [low: "0.50000000 4501", high: "0.50000000 4500"])
            #expect(try await f.credits("C", model: "linear") == [jane.id: "1.00000000 6000"])
            // Metrics: Jane, last touch: A (10000, new) + B's share + C (last touch t3b).
            let m = try await f.metrics(jane.id)
            let janeB = Int64(jane.id == low ? 4501 : 4500)
            #expect(m.metrics.revenue.amountMinor == 10_000 + janeB + 6_000)
            #expect(m.metrics.conversions == 2.5)
            #expect(abs(m.metrics.newCustomerPercent - 40) < 1e-9)
            #expect(m.metrics.commissionEarned.amountMinor == (10_000 + janeB + 6_000 + 5) / 10)
            #expect(m.previousMetrics.revenue.amountMinor == 0)
            #expect(m.delta.revenueChangeMinor == 10_000 + janeB + 6_000)
        }
    }

    @Test func codesAreUniquePerTenantIgnoringCaseAlsoConcurrently() async throws {
        try await InfluencersFixture.with(connections: 3) { f in
            _ = try await f.create("Jane", codes: ["Jane10"])
            let taken = await DirectCall.status { try await f.create("Other", codes: ["OK1", "JANE10"]) }
            #expect(taken?.code == .alreadyExists)
            #expect(taken?.message.contains("'JANE10'") == true)
            let results = await withTaskGroup(of: Bool.self) { group in
                for name in ["A", "B"] {
                    group.addTask { (try? await f.create(name, codes: ["race"])) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await f.count("attribution_influencers") == 2)
            // Another tenant may use the same code, and cannot see this one.
            let other = try f.other()
            let theirs = try await other.create("Jane elsewhere", codes: ["JANE10"])
            let mine = try await f.list().influencers.map(\.influencer.id)
            #expect(!mine.contains(theirs.id))
            let hidden = await DirectCall.status { _ = try await f.get(theirs.id) }
            #expect(hidden?.code == .notFound)
            let change = await DirectCall.status { try await f.delete(theirs.id) }
            #expect(change?.code == .notFound)
        }
    }

    @Test func aRuleChangeReattributesThroughTheJobAndMetricsFollow() async throws {
        try await InfluencersFixture.with { f in
            try await f.record([f.order("O1", at: InfluencersFixture.day(0), revenue: 5_000, codes: ["SPRING"], customer: "c")])
            let created = try await f.createResponse("Sam", codes: ["spring"])
            #expect(created.reattribution.rulesVersion == 1)
            #expect(!created.reattribution.jobID.isEmpty)
            let before = try await f.metrics(created.influencer.id)
            #expect(before.reattributionPending)
            #expect(before.metrics.revenue.amountMinor == 0)
            #expect(try await f.applyRules() == 1)
            let after = try await f.metrics(created.influencer.id)
            #expect(!after.reattributionPending && after.rulesVersion == 1)
            #expect(after.metrics.revenue.amountMinor == 5_000)
            _ = try await f.update(created.influencer.id, ["discount_codes"]) { $0.discountCodes = [] }
            try await f.applyRules()
            #expect(try await f.metrics(created.influencer.id).metrics.revenue.amountMinor == 0)
            // Another tenant's order with the same code is never credited here.
            let other = try f.other()
            try await other.record([other.order("O1", at: InfluencersFixture.day(0), revenue: 7_000, codes: ["SPRING"])])
            #expect(try await other.count("attribution_influencer_order_credits") == 0)
        }
    }

    @Test func listSortsByRevenueAndPagesStably() async throws {
        try await InfluencersFixture.with { f in
            for (index, name) in ["a", "b", "c", "d", "e"].enumerated() {
                _ = try await f.create(name, codes: ["code\(name)"])
                try await f.record([f.order("o\(index)", at: InfluencersFixture.day(0), revenue: Int64(100 * (index % 3)), codes: ["CODE\(name)"])])
            }
            try await f.applyRules()
            var names: [String] = []
            var token = ""
            repeat {
                let page = try await f.list(sort: .revenue, pageSize: 2, token: token)
                names += page.influencers.map(\.influencer.name)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(names == ["c", "b", "e", "a", "d"])
        }
    }
}

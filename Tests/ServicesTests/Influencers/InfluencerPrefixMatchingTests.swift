import Foundation
import Protos
import TestSupport
import Testing

/// Touchpoint matching looks rules up by their literal prefix (a UTM
/// pattern's text before its first wildcard, a link whole): links match as
/// URL prefixes of the landing page or referrer (query, fragment and case
/// ignored), `%` and `_` in a pattern are literal, a pattern may start with a
/// wildcard, and a value shorter than a rule's prefix matches nothing.
@Suite("Influencers: touchpoint matching by prefix", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct InfluencerPrefixMatchingTests {
    @Test func linksPatternsWithLiteralsAndLeadingWildcards() async throws {
        try await InfluencersFixture.with { f in
            let lee = try await f.create("Lee", links: ["https://Creator.example/lee?utm=x"])
            let pat = try await f.create("Pat", patterns: ["50%_off*"])
            let star = try await f.create("Star", patterns: ["*_fall"])
            try await f.applyRules()
            let at = InfluencersFixture.day(-1)
            try await f.record([
                f.touch("t1", at: at, customer: "c1", landing: "https://creator.example/LEE/post/1?ref=bio"),
                f.touch("t2", at: at, customer: "c2", referrer: "https://CREATOR.example/lee#top"),
                f.touch("t3", at: at, customer: "c3", campaign: "50%_OFF_spring"),
                f.touch("t4", at: at, customer: "c4", campaign: "50x_off_spring"),
                f.touch("t5", at: at, customer: "c5", campaign: "big_FALL"),
                f.touch("t6", at: at, customer: "c6", landing: "https://creator.example/le"),
                f.touch("t7", at: at, customer: "c7", campaign: "fall"),
            ])
            try await f.record((1...7).map { f.order("O\($0)", at: InfluencersFixture.day(0), revenue: 1_000, customer: "c\($0)") })
            let full = "1.00000000 1000"
            #expect(try await f.credits("O1") == [lee.id: full])
            #expect(try await f.credits("O2") == [lee.id: full])
            #expect(try await f.credits("O3") == [pat.id: full])
            #expect(try await f.credits("O4") == [:])
            #expect(try await f.credits("O5") == [star.id: full])
            #expect(try await f.credits("O6") == [:])
            #expect(try await f.credits("O7") == [:])
            // The roll-up the metrics read holds the same sums.
            #expect(try await f.metrics(lee.id).metrics.revenue.amountMinor == 2_000)
            #expect(try await f.metrics(star.id).metrics.conversions == 1)
        }
    }
}

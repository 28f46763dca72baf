import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// Every validation rule of CreateInfluencer and UpdateInfluencer:
/// INVALID_ARGUMENT naming the field, and nothing stored.
@Suite("Influencers: validation", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct InfluencersValidationTests {
    typealias Edit = @Sendable (inout Attribution_V1_Influencer) -> Void

    static let cases: [(field: String, edit: Edit)] = [
        ("influencer.name", { $0.name = "" }),
        ("influencer.name", { $0.name = String(repeating: "n", count: 201) }),
        ("influencer.profile_image_url", { $0.profileImageURL = "http://img.example/a.png" }),
        ("influencer.discount_codes", { $0.discountCodes = (0...50).map { "CODE\($0)" } }),
        ("influencer.discount_codes[0]", { $0.discountCodes = ["HAS SPACE"] }),
        ("influencer.discount_codes[0]", { $0.discountCodes = [String(repeating: "C", count: 101)] }),
        ("influencer.discount_codes[1]", { $0.discountCodes = ["Jane10", "JANE10"] }),
        ("influencer.creator_links", { $0.creatorLinks = (0...50).map { "https://l.example/\($0)" } }),
        ("influencer.creator_links[1]", { $0.creatorLinks = ["https://l.example/a", "http://l.example/b"] }),
        ("influencer.creator_links[0]", { $0.creatorLinks = ["not a url"] }),
        ("influencer.utm_patterns", { $0.utmPatterns = (0...50).map { "camp_\($0)" } }),
        ("influencer.utm_patterns[0]", { $0.utmPatterns = ["*?*"] }),
        ("influencer.utm_patterns[0]", { $0.utmPatterns = [String(repeating: "p", count: 201)] }),
        ("influencer.utm_patterns[0]", { $0.utmPatterns = ["a\u{7}b"] }),
        ("influencer.landing_page_url", { $0.landingPageURL = "ftp://shop.example/jane" }),
        ("influencer.commission_rate_bps", { $0.commissionRateBps = Google_Protobuf_Int32Value(10_001) }),
        ("influencer.commission_rate_bps", { $0.commissionRateBps = Google_Protobuf_Int32Value(-1) }),
        ("influencer.creator_id", { $0.creatorID = "not-a-uuid" }),
        ("influencer.creator_id", { $0.creatorID = UUID().uuidString }),
    ]

    @Test(arguments: cases.indices)
    func aBadFieldIsRefusedByNameAndNothingIsStored(_ index: Int) async throws {
        let (field, edit) = Self.cases[index]
        try await InfluencersFixture.with { fixture in
            let error = await DirectCall.status { try await fixture.create("Jane", codes: ["JANE10"], edit) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.hasPrefix("\(field):") == true, "\(error?.message ?? "no error")")
            let value1 = try await fixture.count("attribution_influencers")
            #expect(value1 == 0)
            let value2 = try await fixture.count("attribution_influencer_codes")
            #expect(value2 == 0)
            let value3 = try await fixture.count("jobs")
            #expect(value3 == 0)
        }
    }

    @Test func anOversizedRequestIsRefusedAndNothingIsStored() async throws {
        try await InfluencersFixture.with { fixture in
            let error = await DirectCall.status {
                try await fixture.create("Jane", codes: (0..<5_000).map { "C\($0)" }, patterns: (0..<5_000).map { "p\($0)_*" })
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.hasPrefix("influencer.discount_codes:") == true)
            let value4 = try await fixture.count("attribution_influencers")
            #expect(value4 == 0)
            let value5 = try await fixture.count("jobs")
            #expect(value5 == 0)
        }
    }

    @Test func updatesAreValidatedTooAndChangeNothing() async throws {
        try await InfluencersFixture.with { fixture in
            let jane = try await fixture.create("Jane", codes: ["JANE10"])
            let before = try await fixture.get(jane.id)
            let bad: [([String], String, Edit)] = [
                ([], "update_mask", { _ in }),
                (["id"], "update_mask", { _ in }),
                (["name"], "influencer.name", { $0.name = " " }),
                (["discount_codes"], "influencer.discount_codes[0]", { $0.discountCodes = ["a b"] }),
                (["utm_patterns"], "influencer.utm_patterns[0]", { $0.utmPatterns = ["*"] }),
            ]
            for (paths, field, edit) in bad {
                let error = await DirectCall.status { _ = try await fixture.update(jane.id, paths, edit) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.hasPrefix("\(field):") == true, "\(error?.message ?? "no error")")
            }
            let badID = await DirectCall.status { _ = try await fixture.update("x", ["name"]) { $0.name = "J" } }
            #expect(badID?.message.hasPrefix("influencer.id:") == true)
            let value6 = try await fixture.get(jane.id)
            #expect(value6 == before)
        }
    }
}

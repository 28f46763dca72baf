import Foundation
import Protos
import Testing

@testable import AttrctlCore

/// The demo influencers stay tied to the demo data: each has a code used by
/// the demo orders or a UTM pattern matching a demo campaign, and their
/// names are distinct (the seed finds them by name).
struct DemoInfluencerDefinitionTests {
    @Test func everyDemoInfluencerMatchesTheDemoData() throws {
        let data = DemoDataset(days: 30, now: DemoDatasetTests.now)
        let codes = Set(data.orders.flatMap(\.discountCodes).map { $0.lowercased() })
        let campaigns = Set(data.touchpoints.map { $0.utm.campaign.lowercased() })
        let influencers = DemoInfluencers.all()
        #expect(Set(influencers.map(\.name)).count == influencers.count)
        var claimed: Set<String> = []
        for influencer in influencers {
            let ownCodes = influencer.discountCodes.map { $0.lowercased() }
            #expect(ownCodes.allSatisfy(codes.contains), "\(influencer.name): codes used by demo orders")
            #expect(claimed.isDisjoint(with: ownCodes), "codes are unique per tenant")
            claimed.formUnion(ownCodes)
            let matched = campaigns.filter { campaign in
                influencer.utmPatterns.contains { try! Self.glob($0).wholeMatch(in: campaign) != nil }
            }
            #expect(!matched.isEmpty, "\(influencer.name): a pattern matches a demo campaign")
        }
    }

    /// influencers.proto's glob: `*` any run, `?` one character, ignoring case.
    static func glob(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        let escaped = pattern.lowercased().map { character -> String in
            switch character {
            case "*": ".*"
            case "?": "."
            default: NSRegularExpression.escapedPattern(for: String(character))
            }
        }.joined()
        return try Regex(escaped)
    }
}

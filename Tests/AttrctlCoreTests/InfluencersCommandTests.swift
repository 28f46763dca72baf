import ArgumentParser
@testable import AttrctlCore
import Protos
import SwiftProtobuf
import Testing

@Suite("attrctl influencers create/update: --set field=value becomes the influencer and its mask")
struct InfluencersCommandTests {
    @Test func setsBecomeFieldsAndTheMaskInOrder() throws {
        let command = try InfluencersUpdateCommand.parse([
            "0b7e7a0c-0000-4000-8000-000000000001", "--set", "status=inactive", "--set", "discount_codes=ALEX20, alex10",
            "--set", "utm_patterns=alex_*", "--set", "discount_codes=ALEX25", "--set", "commission_rate_bps=12.5%",
            "--set", "landing_page_url=", "--set", "name=-Alex = Rivera-",
        ])
        let request = try command.request()
        #expect(request.influencer.id == "0b7e7a0c-0000-4000-8000-000000000001")
        #expect(request.updateMask.paths == ["status", "discount_codes", "utm_patterns", "commission_rate_bps", "landing_page_url", "name"])
        let influencer = request.influencer
        #expect(influencer.status == .inactive)
        #expect(influencer.discountCodes == ["ALEX20", "alex10", "ALEX25"], "a list is split on commas and repeating appends")
        #expect(influencer.utmPatterns == ["alex_*"])
        #expect(influencer.commissionRateBps.value == 1250)
        #expect(influencer.landingPageURL.isEmpty)
        #expect(influencer.name == "-Alex = Rivera-", "everything after the first = is the value")
    }

    @Test func commissionInBasisPointsOrPercentAndEmptyClears() throws {
        #expect(try InfluencerAssignments.commission("1250") == 1250)
        #expect(try InfluencerAssignments.commission("12.5%") == 1250)
        #expect(try InfluencerAssignments.commission("7.25%") == 725)
        #expect(try InfluencerAssignments.commission("100%") == 10_000)
        #expect(try InfluencerAssignments.commission("0") == 0)
        #expect(try InfluencerAssignments.commission("") == nil)
        let (cleared, paths) = try InfluencerAssignments.parse(["commission_rate_bps="])
        #expect(paths == ["commission_rate_bps"] && !cleared.hasCommissionRateBps, "in the mask without a value: no commission")
        let (emptied, listPaths) = try InfluencerAssignments.parse(["discount_codes="])
        #expect(listPaths == ["discount_codes"] && emptied.discountCodes.isEmpty, "an empty list clears the codes")
        for bad in ["10001", "-1", "12.555%", "101%", "x%", "12,5%", "1.5"] {
            #expect(PixelsRequestTests.rejects("--set commission_rate_bps=\(bad)") { _ = try InfluencerAssignments.commission(bad) }, "\(bad)")
        }
    }

    @Test func badAssignmentsNameTheField() throws {
        #expect(PixelsRequestTests.rejects("unknown field \"handle\"") {
            _ = try InfluencersUpdateCommand.parse(["id", "--set", "handle=@alex"])
        })
        #expect(PixelsRequestTests.rejects("--set name: give field=value") {
            _ = try InfluencersUpdateCommand.parse(["id", "--set", "name"])
        })
        #expect(PixelsRequestTests.rejects("--set status=paused: status must be active or inactive") {
            _ = try InfluencersUpdateCommand.parse(["id", "--set", "status=paused"])
        })
        #expect(PixelsRequestTests.rejects("--set name is given twice") {
            _ = try InfluencersUpdateCommand.parse(["id", "--set", "name=a", "--set", "name=b"])
        })
        #expect(PixelsRequestTests.rejects("give at least one field") { _ = try InfluencersUpdateCommand.parse(["id"]) })
        #expect(PixelsRequestTests.rejects("give the name: --set name=NAME") {
            _ = try InfluencersCreateCommand.parse(["--set", "discount_codes=A"])
        })
        let message = try #require(UsageTests.usageError(["influencers", "update", "id", "--set", "codes=A"]))
        #expect(message.contains("unknown field \"codes\"") && message.contains("discount_codes"), "\(message)")
    }

    @Test func createSetsEveryFieldGiven() throws {
        let request = try InfluencersCreateCommand.parse([
            "--set", "name=Maya Chen", "--set", "creator_links=https://instagram.com/maya,https://maya.link/bio",
            "--set", "profile_image_url=https://cdn.example.com/maya.jpg", "--set", "creator_id=0b7e7a0c-0000-4000-8000-000000000002",
            "--set", "status=active",
        ]).request()
        #expect(request.influencer.name == "Maya Chen" && request.influencer.status == .active)
        #expect(request.influencer.creatorLinks == ["https://instagram.com/maya", "https://maya.link/bio"])
        #expect(request.influencer.profileImageURL == "https://cdn.example.com/maya.jpg")
        #expect(request.influencer.creatorID == "0b7e7a0c-0000-4000-8000-000000000002")
        #expect(!request.influencer.hasCommissionRateBps)
    }
}

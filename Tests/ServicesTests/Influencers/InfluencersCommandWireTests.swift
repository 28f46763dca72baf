import AttrdCore
import Foundation
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

@testable import AttrctlCore

/// attrctl influencers create and update (the requests their --set
/// assignments make) through a real attrd, as the tenant's admin: stored as given, an update changes
/// only the fields given, and attrd's refusal names the field.
@Suite("attrctl influencers create/update over the wire", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct InfluencersCommandWireTests {
    @Test func createThenUpdateOnlyTheFieldsGiven() async throws {
        let tenant = try TestTenant()
        try await DashboardsIsolationTests.grantAdmin(["ana"], in: tenant)
        try await AttrdHarness.withServer(configure: { $0.storage.poolSize = 2 }) { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "ana") { rpc in
                let client = Attribution_V1_InfluencersClient(rpc)
                let create = try InfluencersCreateCommand.request([
                    "name=Alex Rivera", "discount_codes=ALEX20,alex10", "utm_patterns=alex_*",
                    "creator_links=https://instagram.com/alexrivera", "commission_rate_bps=12.5%",
                ])
                let created = try await client.createInfluencer(create)
                #expect(created.influencer.name == "Alex Rivera" && created.influencer.status == .active)
                #expect(created.influencer.discountCodes == ["ALEX20", "alex10"] && created.influencer.utmPatterns == ["alex_*"])
                #expect(created.influencer.commissionRateBps.value == 1250)
                #expect(created.reattribution.rulesVersion >= 1 && !created.reattribution.metricsUpdate.isEmpty)

                let id = created.influencer.id
                let update = try InfluencersUpdateCommand.request(
                    id: id, ["status=inactive", "discount_codes=ALEX25", "discount_codes=ALEX30", "commission_rate_bps="])
                let updated = try await client.updateInfluencer(update).influencer
                #expect(updated.status == .inactive && updated.discountCodes == ["ALEX25", "ALEX30"] && !updated.hasCommissionRateBps)
                #expect(updated.name == "Alex Rivera" && updated.utmPatterns == ["alex_*"], "fields not given keep their values")
                #expect(updated.creatorLinks == ["https://instagram.com/alexrivera"])

                let insecure = try InfluencersUpdateCommand.request(id: id, ["creator_links=http://alex.example"])
                let refused = await #expect(throws: RPCError.self) { try await client.updateInfluencer(insecure) }
                #expect(refused?.code == .invalidArgument && refused?.message.contains("influencer.creator_links") == true, "\(String(describing: refused))")
                var get = Attribution_V1_GetInfluencerRequest()
                get.id = id
                #expect(try await client.getInfluencer(get).influencer.creatorLinks == ["https://instagram.com/alexrivera"], "nothing stored")
            }
        }
    }
}

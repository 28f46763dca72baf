import AttrdCore
import AttributionCore
import Foundation
import Protos
import RPCClient
import TestSupport
import Testing

@testable import AttrctlCore

/// attrctl demo seed as the tenant's admin through a real attrd: the orders
/// go in first, the influencers after, and the seed waits for attrd's
/// re-attribution job; right after it, every demo influencer has attributed
/// revenue, at least the revenue of the orders with its codes.
@Suite("attrctl demo seed: influencers", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DemoInfluencersTests {
    @Test func afterTheSeedEveryDemoInfluencerHasRevenue() async throws {
        let tenant = try TestTenant()
        try await DashboardsIsolationTests.grantAdmin(["ana"], in: tenant)
        let now = Date()
        let data = DemoDataset(days: 7, now: now)
        try await AttrdHarness.withServer(configure: { $0.storage.poolSize = 2 }) { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "ana") { rpc in
                let reports = try await DemoSeedCommand.seed(data, client: rpc, batchSize: 500, format: .table)
                #expect(reports.allSatisfy { !$0.1 }, "no record refused")
                let report = try #require(reports.last?.0)
                #expect(report.hasPrefix("influencers: created Alex Rivera, Maya Chen, Jordan Blake, Sam Okafor, Priya Nair;"))
                #expect(report.hasSuffix("applied"), "\(report)")

                let client = Attribution_V1_InfluencersClient(rpc)
                var list = Attribution_V1_ListInfluencersRequest()
                let today = CalendarDay(now)
                list.dateRange.startDate = Attribution_V1_Date(today.adding(days: -6))
                list.dateRange.endDate = Attribution_V1_Date(today)
                let response = try await client.listInfluencers(list)
                #expect(!response.reattributionPending && response.rulesVersion >= 5)
                #expect(Set(response.influencers.map(\.influencer.name)) == Set(DemoInfluencers.all().map(\.name)))
                for row in response.influencers {
                    let codes = Set(row.influencer.discountCodes)
                    let codeRevenue = data.orders.filter { !codes.isDisjoint(with: $0.discountCodes) }.reduce(0) { $0 + $1.revenue.amountMinor }
                    #expect(row.metrics.revenue.amountMinor > 0 && row.metrics.conversions > 0, "\(row.influencer.name)")
                    #expect(row.metrics.revenue.amountMinor >= codeRevenue, "\(row.influencer.name): its codes' orders in full")
                }

                let again = try await DemoInfluencers.ensure(client)
                #expect(again.created.isEmpty && again.kept.count == 5 && again.applied, "a second seed keeps them")
            }
        }
    }
}

extension Attribution_V1_Date {
    fileprivate init(_ day: CalendarDay) {
        self.init()
        (year, month, self.day) = (Int32(day.year), Int32(day.month), Int32(day.day))
    }
}

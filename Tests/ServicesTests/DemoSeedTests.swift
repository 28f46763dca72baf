import Foundation
import Protos
import Storage
import TestSupport
import Testing

@testable import AttrctlCore

/// attrctl's demo data through the ingest RPCs: all of it accepted, repeat
/// runs only duplicates, and every model and window accounting for all revenue.
@Suite("Demo seed", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DemoSeedTests {
    @Test func seedsOnceAndEveryModelAccountsForAllRevenue() async throws {
        let tenant = try TestTenant()
        let data = DemoDataset(days: 3, now: Date())
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                for run in 0..<2 {
                    let touches = try await IngestRunner.run(
                        TouchpointsKind.self, DemoSeedCommand.indexed(data.touchpoints), batchSize: 200, client: ingest)
                    let orders = try await IngestRunner.run(
                        OrdersKind.self, DemoSeedCommand.indexed(data.orders), batchSize: 200, client: ingest)
                    let events = try await IngestRunner.run(
                        PixelEventsKind.self, DemoSeedCommand.indexed(data.events), batchSize: 1000, client: ingest)
                    #expect(touches.rejected.isEmpty && orders.rejected.isEmpty && events.rejected.isEmpty)
                    #expect(touches.accepted + touches.duplicates == data.touchpoints.count)
                    #expect(orders.accepted + orders.duplicates == data.orders.count)
                    #expect(events.accepted + events.duplicates == data.events.count)
                    if run == 1 {
                        // The second run is all duplicates: nothing new stored, nothing re-attributed.
                        #expect(touches.accepted == 0 && orders.accepted == 0 && events.accepted == 0)
                        #expect(touches.duplicates == data.touchpoints.count && touches.ordersReattributed == 0)
                        #expect(orders.duplicates == data.orders.count)
                        #expect(events.duplicates == data.events.count)
                    }
                }
            }
        }
        let revenue = data.orders.reduce(0) { $0 + $1.revenue.amountMinor }
        let sums = try await TenantData.with {
            try await $0.rows(
                tenant,
                """
                SELECT model, attribution_window, sum(revenue_minor) AS revenue, sum(conversions)::text AS conversions
                FROM attribution_daily_metrics GROUP BY 1, 2
                """)
        }
        #expect(sums.count == 30)
        for row in sums {
            #expect(row["revenue"] == String(revenue), "\(row["model"] ?? "") \(row["attribution_window"] ?? "")")
            #expect(Decimal(string: row["conversions"] ?? "") == Decimal(data.orders.count))
        }
    }
}

import Foundation
import Protos
import Storage
import TestSupport
import Testing

/// What ingest stores of a record besides what attribution uses: the
/// landing page, referrer and all five UTM parameters.
@Suite("Ingest: stored records", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestStoredRecordsTests {
    static let utm = {
        var utm = Attribution_V1_UtmParameters()
        utm.source = "newsletter"
        utm.medium = "email"
        utm.campaign = "spring_launch"
        utm.content = "hero_banner"
        utm.term = "running shoes"
        return utm
    }()

    static let columns = "landing_page, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term"

    static func line(_ row: PostgresRow) -> String {
        columns.components(separatedBy: ", ").map { row[$0] ?? "NULL" }.joined(separator: "|")
    }

    @Test func touchpointsAndOrdersKeepEveryUTMParameter() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var touches = Attribution_V1_RecordTouchpointsRequest()
                var touch = Fixtures.touchpoint("U1", "email", at: AttributionIngestTests.orderedAt, customer: "u")
                touch.landingPageURL = "https://shop.example/spring?utm_source=newsletter"
                touch.referrer = "https://mail.example/"
                touch.utm = Self.utm
                // Only some parameters: the others stay NULL.
                var partial = Fixtures.touchpoint("U2", "email", at: AttributionIngestTests.orderedAt, customer: "u")
                partial.utm.content = "footer_link"
                touches.touchpoints = [touch, partial]
                let stored = try await ingest.recordTouchpoints(touches)
                #expect(stored.accepted == 2)
                var orders = Attribution_V1_RecordOrdersRequest()
                var order = Fixtures.order("U-1", at: AttributionIngestTests.orderedAt, revenue: 100, customer: "u")
                order.landingPageURL = "https://shop.example/spring?utm_source=newsletter"
                order.referrer = "https://mail.example/"
                order.utm = Self.utm
                orders.orders = [order]
                let response = try await ingest.recordOrders(orders)
                #expect(response.accepted == 1)
            }
        }
        try await TenantData.with { data in
            let touches = try await data.rows(
                tenant, "SELECT \(Self.columns) FROM attribution_touchpoints ORDER BY touchpoint_id")
            let full = "https://shop.example/spring?utm_source=newsletter|https://mail.example/|newsletter|email|spring_launch|hero_banner|running shoes"
            #expect(touches.map { Self.line($0) } == [full, "NULL|NULL|NULL|NULL|NULL|footer_link|NULL"])
            let orders = try await data.rows(tenant, "SELECT \(Self.columns) FROM attribution_conversions")
            #expect(orders.map { Self.line($0) } == [full])
        }
    }
}

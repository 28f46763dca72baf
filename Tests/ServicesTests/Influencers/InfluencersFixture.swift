import AttributionCore
import AttributionStore
import Foundation
import Influencers
import Protos
import RPCServer
import Storage
import SwiftProtobuf
import TestSupport
import Testing

/// Influencers' handler over the test database, called directly for a fresh
/// tenant at a fixed "now" (2099-03-20 12:00 UTC); orders and touchpoints go
/// in through IngestStore, as the Ingest service stores them. "Now" is far
/// ahead of the wall clock so that the re-attribution jobs the handler
/// enqueues (due at "now") are never due for the job runners of the attrd
/// instances other tests run on the same database: tests apply the rules
/// themselves (`applyRules`), deterministically.
struct InfluencersFixture {
    static let now = Date(timeIntervalSince1970: 4_076_827_200 + 10 * 86_400)  // 2099-03-20T12:00:00Z
    /// 2099-03-10T12:00:00Z, shifted by `days`.
    static func day(_ days: Double) -> Date { Date(timeIntervalSince1970: 4_076_827_200 + days * 86_400) }

    let tenant: TestTenant
    let service: InfluencersService
    let ingest: IngestStore
    let database: Database

    static func with(connections: Int = 2, _ body: (InfluencersFixture) async throws -> Void) async throws {
        try await TenantData.migrated.value
        let url = try ConnectionString(try #require(TestEnvironment.databaseURL))
        let pool = PostgresPool(configuration: .init(connectionString: url, size: connections), logger: AttrdHarness.quiet)
        let database = Database(pool: pool)
        let fixture = InfluencersFixture(
            tenant: try TestTenant(), service: InfluencersService(database: database, now: { Self.now }),
            ingest: IngestStore(database: database), database: database)
        do {
            try await body(fixture)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }

    /// The same database as another tenant.
    func other() throws -> InfluencersFixture {
        InfluencersFixture(tenant: try TestTenant(), service: service, ingest: ingest, database: database)
    }

    func context(_ method: String = Attribution_V1_Influencers.Method.getInfluencer) throws -> ServerContext {
        try DirectCall.context(tenant, method: method)
    }

    @discardableResult
    func create(
        _ name: String, codes: [String] = [], patterns: [String] = [], links: [String] = [], rate: Int32? = nil,
        _ configure: (inout Attribution_V1_Influencer) -> Void = { _ in }
    ) async throws -> Attribution_V1_Influencer {
        try await createResponse(name, codes: codes, patterns: patterns, links: links, rate: rate, configure).influencer
    }

    func createResponse(
        _ name: String, codes: [String] = [], patterns: [String] = [], links: [String] = [], rate: Int32? = nil,
        _ configure: (inout Attribution_V1_Influencer) -> Void = { _ in }
    ) async throws -> Attribution_V1_CreateInfluencerResponse {
        var request = Attribution_V1_CreateInfluencerRequest()
        request.influencer.name = name
        request.influencer.discountCodes = codes
        request.influencer.utmPatterns = patterns
        request.influencer.creatorLinks = links
        if let rate { request.influencer.commissionRateBps = Google_Protobuf_Int32Value(rate) }
        configure(&request.influencer)
        return try await service.createInfluencer(request, context: context())
    }

    func update(
        _ id: String, _ paths: [String], _ configure: (inout Attribution_V1_Influencer) -> Void
    ) async throws -> Attribution_V1_UpdateInfluencerResponse {
        var request = Attribution_V1_UpdateInfluencerRequest()
        request.influencer.id = id
        configure(&request.influencer)
        request.updateMask.paths = paths
        return try await service.updateInfluencer(request, context: context())
    }

    func delete(_ id: String) async throws {
        var request = Attribution_V1_DeleteInfluencerRequest()
        request.id = id
        _ = try await service.deleteInfluencer(request, context: context())
    }

    func get(_ id: String) async throws -> Attribution_V1_Influencer {
        var request = Attribution_V1_GetInfluencerRequest()
        request.id = id
        return try await service.getInfluencer(request, context: context()).influencer
    }

    func metrics(
        _ id: String, from first: (Int32, Int32, Int32) = (2099, 3, 1), to last: (Int32, Int32, Int32) = (2099, 3, 19),
        model: Attribution_V1_AttributionModel = .lastTouch
    ) async throws -> Attribution_V1_GetInfluencerMetricsResponse {
        var request = Attribution_V1_GetInfluencerMetricsRequest()
        request.id = id
        request.dateRange = Self.range(first, last)
        request.model = model
        return try await service.getInfluencerMetrics(request, context: context())
    }

    func list(
        sort: Attribution_V1_InfluencerSortOrder = .unspecified, pageSize: Int32 = 0, token: String = "",
        configure: (inout Attribution_V1_ListInfluencersRequest) -> Void = { _ in }
    ) async throws -> Attribution_V1_ListInfluencersResponse {
        var request = Attribution_V1_ListInfluencersRequest()
        request.sortOrder = sort
        request.pageSize = pageSize
        request.pageToken = token
        request.dateRange = Self.range((2099, 3, 1), (2099, 3, 19))
        configure(&request)
        return try await service.listInfluencers(request, context: context())
    }

    static func range(_ first: (Int32, Int32, Int32), _ last: (Int32, Int32, Int32)) -> Attribution_V1_DateRange {
        var range = Attribution_V1_DateRange()
        range.startDate.year = first.0
        range.startDate.month = first.1
        range.startDate.day = first.2
        range.endDate.year = last.0
        range.endDate.month = last.1
        range.endDate.day = last.2
        return range
    }

    /// Applies pending rule changes, as the re-attribution job does; returns the version applied.
    @discardableResult
    func applyRules() async throws -> Int64? {
        try await database.withTenant(tenant.id) { tx in
            try await InfluencerRules.apply(today: CalendarDay(Self.now), in: tx)
        }
    }

    func order(
        _ id: String, at date: Date, revenue: Int64, codes: [String] = [], customer: String? = nil, new: Bool = false
    ) -> OrderRecord {
        OrderRecord(
            orderID: id, orderedAt: date, revenueMinor: revenue, currency: "USD", discountCodes: codes, customerID: customer,
            isNewCustomer: new)
    }

    func touch(
        _ id: String, at date: Date, customer: String, campaign: String? = nil, landing: String? = nil, referrer: String? = nil
    ) -> TouchpointRecord {
        TouchpointRecord(
            touchpointID: id, channel: "social", campaign: campaign, occurredAt: date, customerID: customer,
            landingPage: landing, referrer: referrer, utm: UTM(campaign: campaign))
    }

    func record(_ orders: [OrderRecord]) async throws {
        let (summary, refused) = try await ingest.recordOrders(orders, tenantID: tenant.id)
        #expect(refused.isEmpty)
        #expect(summary.accepted == orders.count)
    }

    func record(_ touches: [TouchpointRecord]) async throws {
        _ = try await ingest.recordTouchpoints(touches, tenantID: tenant.id)
    }

    /// The stored credit of each influencer for one order under a model and
    /// window (a code credit counts under all): influencer id to "credit revenue".
    func credits(_ orderID: String, model: String = "last_touch", window: String = "30d") async throws -> [String: String] {
        let rows = try await database.withTenant(tenant.id, readOnly: true) { tx in
            try await tx.query(
                """
                SELECT c.influencer_id::text AS id, e.credit::text || ' ' || e.revenue_minor AS line
                FROM attribution_influencer_order_credits c
                    CROSS JOIN LATERAL unnest(c.models, c.windows, c.credits, c.revenues) AS e(model, win, credit, revenue_minor)
                    JOIN attribution_conversions o ON o.tenant_id = c.tenant_id AND o.id = c.conversion_id
                WHERE c.tenant_id = $4 AND o.order_id = $1 AND ((e.model = $2 AND e.win = $3) OR e.model = '*')
                """, [orderID, model, window, tenant.id])
        }
        var lines: [String: String] = [:]
        for row in rows { lines[row["id"] ?? ""] = row["line"] ?? "" }
        return lines
    }

    func count(_ table: String) async throws -> Int {
        try await database.withTenant(tenant.id, readOnly: true) { tx in
            Int(try await tx.query("SELECT count(*) AS n FROM \(table) WHERE tenant_id = $1", [tenant.id]).first("n") ?? "0") ?? 0
        }
    }
}

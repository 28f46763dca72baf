public import AttributionStore
import AttributionCore
public import Foundation
public import Protos
public import RPCServer
public import Storage
import ServiceKit
import Wire

/// attribution.v1.Influencers: the tenant's influencers, their rules and
/// attributed performance (influencers.proto is the reference; the matching
/// is docs/ATTRIBUTION.md's "Influencers").
public struct InfluencersService: Attribution_V1_InfluencersHandler {
    public let store: InfluencerStore
    let now: @Sendable () -> Date

    /// At most this many influencers per tenant.
    static let limit = TenantCountLimit("influencers", table: InfluencerStore.table, maximum: 2_000)

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = InfluencerStore(database: database)
        self.now = now
    }

    var today: CalendarDay { CalendarDay(now()) }

    static func notFound(_ id: UUID) -> NotFound { NotFound("influencer", id: id.uuidString.lowercased()) }

    public func getInfluencer(_ request: Attribution_V1_GetInfluencerRequest, context: ServerContext) async throws -> Attribution_V1_GetInfluencerResponse {
        let id = try Validate.uuid(request.id, "id")
        guard let stored = try await store.get(id, tenantID: context.tenantID) else { throw Self.notFound(id) }
        var response = Attribution_V1_GetInfluencerResponse()
        response.influencer = Attribution_V1_Influencer(stored)
        return response
    }

    public func listInfluencers(
        _ request: Attribution_V1_ListInfluencersRequest, context: ServerContext
    ) async throws -> Attribution_V1_ListInfluencersResponse {
        let query = try MetricsPeriod.query(
            request.hasDateRange ? request.dateRange : nil, model: request.model, window: request.window, today: today,
            field: "date_range", modelField: "model", windowField: "window")
        let search = try Validate.optional(request.query, "query", maximum: 200)
        let active: Bool? = switch request.status {
        case .unspecified: nil
        case .active: true
        case .inactive: false
        case .UNRECOGNIZED: throw FieldError("status", "is not a known status")
        }
        if case .UNRECOGNIZED = request.sortOrder { throw FieldError("sort_order", "is not a known sort order") }
        let filters = [
            "\(request.status.rawValue)", search ?? "", "\(request.sortOrder.rawValue)", "\(query.first)", "\(query.last)",
            query.model.rawValue, query.window.rawValue,
        ].joined(separator: "|")
        let page = try KeysetPage<InfluencerListCursor>(size: request.pageSize, token: request.pageToken, filters: filters)
        let (influencers, answer) = try await store.database.withTenant(
            context.tenantID, isolation: .repeatableRead, readOnly: true
        ) { tx in
            let influencers = try await store.all(active: active, search: search, in: tx)
            return (influencers, try await store.metrics(query, in: tx))
        }
        let currency = answer.currency ?? ""
        let ranked = influencers.map { stored in
            let totals = answer.current[stored.id] ?? InfluencerTotals()
            let cursor = InfluencerListCursor(
                metric: InfluencerListCursor.metric(request.sortOrder, totals: totals, rateBps: stored.record.commissionRateBps),
                name: stored.record.name.lowercased(), id: stored.id.uuidString.lowercased())
            return (cursor, stored, totals)
        }.sorted { $0.0.precedes($1.0) }
        let after = page.after
        let fetched = ranked.filter { row in after.map { $0.precedes(row.0) } ?? true }.prefix(page.fetchLimit)
        let (rows, next) = page.split(Array(fetched)) { $0.0 }
        var response = Attribution_V1_ListInfluencersResponse()
        response.influencers = rows.map { _, stored, totals in
            var entry = Attribution_V1_InfluencerWithMetrics()
            entry.influencer = Attribution_V1_Influencer(stored)
            entry.metrics = Attribution_V1_InfluencerMetrics(totals, rateBps: stored.record.commissionRateBps, currency: currency)
            return entry
        }
        response.nextPageToken = next
        response.dateRange = MetricsPeriod.range(first: query.first, last: query.last)
        response.rulesVersion = answer.versions.applied
        response.reattributionPending = answer.versions.pending
        return response
    }
}

extension InfluencersService: RegistrableRPCService {}

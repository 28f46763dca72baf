import AttributionStore
public import Protos
public import RPCServer
import ServiceKit
import Storage

extension InfluencersService {
    /// Both periods and the rules version are read in one REPEATABLE READ
    /// snapshot: the answer follows one rules version.
    public func getInfluencerMetrics(
        _ request: Attribution_V1_GetInfluencerMetricsRequest, context: ServerContext
    ) async throws -> Attribution_V1_GetInfluencerMetricsResponse {
        let id = try Validate.uuid(request.id, "id")
        let query = try MetricsPeriod.query(
            request.hasDateRange ? request.dateRange : nil, model: request.model, window: request.window, today: today,
            field: "date_range", modelField: "model", windowField: "window")
        let (stored, answer) = try await store.database.withTenant(context.tenantID, isolation: .repeatableRead, readOnly: true) { tx in
            guard let stored = try await store.read(id, in: tx) else { throw Self.notFound(id) }
            return (stored, try await store.metrics(query, ids: [id], in: tx))
        }
        let rate = stored.record.commissionRateBps
        let currency = answer.currency ?? ""
        let current = answer.current[id] ?? InfluencerTotals()
        let previous = answer.previous[id] ?? InfluencerTotals()
        let previousQuery = query.previousPeriod
        var response = Attribution_V1_GetInfluencerMetricsResponse()
        response.dateRange = MetricsPeriod.range(first: query.first, last: query.last)
        response.metrics = Attribution_V1_InfluencerMetrics(current, rateBps: rate, currency: currency)
        response.previousDateRange = MetricsPeriod.range(first: previousQuery.first, last: previousQuery.last)
        response.previousMetrics = Attribution_V1_InfluencerMetrics(previous, rateBps: rate, currency: currency)
        response.delta = Attribution_V1_MetricDelta(current: current, previous: previous)
        response.rulesVersion = answer.versions.applied
        response.reattributionPending = answer.versions.pending
        return response
    }
}

import Foundation
import Storage

extension TenantData {
    /// A tenant's attribution results (with their row ids and computation
    /// times, which change when an order is attributed again) and daily
    /// metrics, one line each, in a stable order.
    public func attribution(_ tenant: TestTenant) async throws -> (results: [String], daily: [String]) {
        let results = try await rows(
            tenant,
            """
            SELECT concat_ws(' ', r.id, c.order_id, t.touchpoint_id, r.model, r.attribution_window, r.channel,
                r.credit, r.revenue_minor, r.currency, r.computed_at) AS line
            FROM attribution_results r JOIN attribution_conversions c ON c.tenant_id = r.tenant_id AND c.id = r.conversion_id
            LEFT JOIN attribution_touchpoints t ON t.tenant_id = r.tenant_id AND t.id = r.touchpoint_id
            ORDER BY c.order_id, r.model, r.attribution_window, r.channel, t.touchpoint_id
            """)
        let daily = try await rows(
            tenant,
            """
            SELECT concat_ws(' ', day, model, attribution_window, channel, campaign, conversions, revenue_minor,
                spend_minor, currency) AS line
            FROM attribution_daily_metrics ORDER BY day, model, attribution_window, channel, campaign
            """)
        return (results.map { $0["line"] ?? "" }, daily.map { $0["line"] ?? "" })
    }
}

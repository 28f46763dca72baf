import Foundation
import Storage

/// Keeps each UTC day's order revenue of a tenant within
/// `MoneyBounds.maximumDailyRevenueMinor`, so that the daily roll-up cannot
/// overflow: the orders of a batch are taken in order, and one that would
/// bring its day over the bound is refused alone. Orders whose id is already
/// stored (or came earlier in the batch) add nothing. Runs under the
/// tenant's `AttributionLock`, so concurrent batches cannot both fill a day.
enum DailyRevenueLimit {
    /// The indexes in `orders` of the orders refused, with the reason.
    static func refusals(_ orders: [OrderRecord], in tx: TenantTransaction) async throws -> [RecordRefusal] {
        guard !orders.isEmpty else { return [] }
        let bound = MoneyBounds.maximumDailyRevenueMinor
        // The stored total of each day, capped just over the bound (older
        // data may exceed it; any excess refuses the same).
        let rows = try await tx.query(
            """
            WITH batch AS (
                SELECT order_id, (ordered_at AT TIME ZONE 'UTC')::date AS day, ord - 1 AS ord
                FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS b(order_id, ordered_at, ord)
            ), totals AS (
                SELECT d.day, LEAST(COALESCE(sum(c.revenue_minor), 0), $3::bigint + 1)::bigint AS total
                FROM (SELECT DISTINCT day FROM batch) AS d
                LEFT JOIN attribution_conversions c ON c.tenant_id = $4::uuid
                    AND c.ordered_at >= d.day::timestamp AT TIME ZONE 'UTC'
                    AND c.ordered_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'
                GROUP BY d.day
            )
            SELECT b.ord, b.day::text AS day, t.total,
                EXISTS (SELECT 1 FROM attribution_conversions c
                        WHERE c.tenant_id = $4::uuid AND c.order_id = b.order_id) AS stored
            FROM batch b JOIN totals t USING (day) ORDER BY b.ord
            """, [PostgresArray(orders.map(\.orderID)), PostgresArray(orders.map(\.orderedAt)), bound, tx.tenantID])
        var totals: [String: Int64] = [:]
        var seen: Set<String> = []
        var refused: [RecordRefusal] = []
        for row in rows {
            let index: Int = try row.decode("ord")
            let day: String = try row.decode("day")
            let order = orders[index]
            if try row.decode("stored", as: Bool.self) || seen.contains(order.orderID) { continue }
            let total = try totals[day] ?? row.decode("total", as: Int64.self)
            // Both terms are at most just over the bound: the sum cannot overflow.
            guard total + order.revenueMinor <= bound else {
                refused.append(RecordRefusal(
                    index: index, field: "revenue.amount_minor",
                    reason: "would bring the orders of \(day) (UTC) to more than \(bound), the most one day's orders may total"))
                continue
            }
            seen.insert(order.orderID)
            totals[day] = total + order.revenueMinor
        }
        return refused
    }
}

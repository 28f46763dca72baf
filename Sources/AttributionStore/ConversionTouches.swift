import AttributionCore
import Foundation
import Storage

/// Loads orders with the touchpoints that may get their credit: the
/// customer's (by customer id, or by a session stitched to the customer when
/// the touchpoint names no customer), or, for an order with no known
/// customer, its session's; inside the widest window before the order.
enum ConversionTouches {
    /// Each order with its UTC day as PostgreSQL computes it (`YYYY-MM-DD`,
    /// the day of the daily roll-up) and its touchpoints.
    static func load(
        _ conversionIDs: [String], in tx: TenantTransaction
    ) async throws -> [(conversion: Conversion, day: String, touches: [Touch])] {
        let orders = try await tx.query(
            """
            SELECT id, ordered_at, (ordered_at AT TIME ZONE 'UTC')::date::text AS day, revenue_minor, currency
            FROM attribution_conversions
            WHERE tenant_id = $2 AND id = ANY($1::text[]::uuid[])
            """, [conversionIDs, tx.tenantID])
        var touches: [UUID: [Touch]] = [:]
        // The window's start is a column of the materialized orders, not an
        // expression in the join: under row-level security a condition with
        // a function that is not leakproof (timestamptz minus interval) is
        // only a filter, and the index read every earlier touchpoint of the
        // customer instead of the window's.
        let rows = try await tx.query(
            """
            WITH o AS MATERIALIZED (
                SELECT o.id, o.ordered_at, o.ordered_at - interval '90 days' AS since,
                    COALESCE(o.customer_id, oci.customer_id) AS customer_id, o.session_id
                FROM attribution_conversions o
                LEFT JOIN customer_identities oci ON oci.tenant_id = o.tenant_id AND oci.session_id = o.session_id
                WHERE o.tenant_id = $2 AND o.id = ANY($1::text[]::uuid[])
            )
            SELECT o.id AS conversion_id, t.id, t.channel, t.campaign, t.occurred_at, t.touchpoint_id
            FROM o JOIN attribution_touchpoints t ON t.tenant_id = $2 AND t.customer_id = o.customer_id
                AND t.occurred_at BETWEEN o.since AND o.ordered_at
            UNION
            SELECT o.id, t.id, t.channel, t.campaign, t.occurred_at, t.touchpoint_id
            FROM o JOIN customer_identities ci ON ci.tenant_id = $2 AND ci.customer_id = o.customer_id
                JOIN attribution_touchpoints t ON t.tenant_id = ci.tenant_id AND t.session_id = ci.session_id
                    AND t.customer_id IS NULL
                AND t.occurred_at BETWEEN o.since AND o.ordered_at
            UNION
            SELECT o.id, t.id, t.channel, t.campaign, t.occurred_at, t.touchpoint_id
            FROM o JOIN attribution_touchpoints t ON t.tenant_id = $2 AND o.customer_id IS NULL
                AND t.session_id = o.session_id
                AND t.occurred_at BETWEEN o.since AND o.ordered_at
            """, [conversionIDs, tx.tenantID])
        for row in rows {
            let touch = Touch(
                id: try row.decode("id"), channel: try row.decode("channel"), campaign: try row.decode("campaign"),
                occurredAt: try row.decode("occurred_at"), touchpointID: try row.decode("touchpoint_id"))
            touches[try row.decode("conversion_id", as: UUID.self), default: []].append(touch)
        }
        return try orders.map { row in
            let conversion = Conversion(
                id: try row.decode("id"), orderedAt: try row.decode("ordered_at"),
                revenueMinor: try row.decode("revenue_minor"), currency: try row.decode("currency"))
            return (conversion, try row.decode("day"), touches[conversion.id] ?? [])
        }
    }
}

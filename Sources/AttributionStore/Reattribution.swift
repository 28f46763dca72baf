import AttributionCore
import Foundation
import Storage

/// Replaces the attribution results of some orders and keeps the daily
/// roll-up in step: the old results' sums are subtracted from
/// `attribution_daily_metrics` and the new ones' added, per (day of the order
/// in UTC, model, window, channel, campaign). Credits are exact multiples of
/// 10⁻⁸ and the roll-up's conversions column is exact too, so adding and
/// subtracting never drifts; rows with nothing left are deleted.
enum Reattribution {
    private static let staging = StagedInsert(
        table: "staged_attribution_results",
        columns: """
            ord int, conversion_id uuid, touchpoint_id uuid, model text, attribution_window text, channel text,
            campaign text, credit numeric(9,8), revenue_minor bigint, currency text
            """)

    /// The daily roll-up change from a set of results rows (`source`, with
    /// their tenant_id), with `sign` +1 or -1; `tenant` is the parameter
    /// holding the tenant's id and `days` the one holding each order's UTC
    /// day (a JSON object from the order's id). Every filter names
    /// tenant_id, so on Citus the whole statement runs on the tenant's
    /// shard. The days come from the attributor's read of the orders (as
    /// PostgreSQL computes them, so exactly the roll-up's days) rather
    /// than a join to `attribution_conversions`: with a fresh tenant's
    /// statistics (a handful of rows) the planner estimated one order and
    /// scanned every result row once per order (100 x 4,300 rows, about
    /// 150 ms of a 100-order batch). A look-up per row needs no join at all
    /// (a join to `unnest` of two arrays was also refused by Citus, which
    /// read the function's columns in the wrong order).
    private static func rollUp(_ source: String, sign: String, tenant: String, days: String) -> String {
        """
        INSERT INTO attribution_daily_metrics AS d (tenant_id, day, model, attribution_window, channel, campaign,
            conversions, revenue_minor, currency)
        SELECT r.tenant_id, (\(days)::jsonb ->> r.conversion_id::text)::date, r.model, r.attribution_window,
            r.channel, COALESCE(r.campaign, ''), \(sign)sum(r.credit), \(sign)sum(r.revenue_minor), min(r.currency)
        FROM \(source) r
        WHERE r.tenant_id = \(tenant)
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 2, 3, 4, 5, 6
        ON CONFLICT (tenant_id, day, model, attribution_window, channel, campaign) DO UPDATE
            SET conversions = d.conversions + EXCLUDED.conversions, revenue_minor = d.revenue_minor + EXCLUDED.revenue_minor
        """
    }

    /// Attributes `conversionIDs` again with `attributor`.
    static func run(_ conversionIDs: [String], attributor: Attributor, in tx: TenantTransaction) async throws {
        guard !conversionIDs.isEmpty else { return }
        var rows: [[any PostgresEncodable]] = []
        let orders = try await ConversionTouches.load(conversionIDs, in: tx)
        let days = orders.map(\.day)
        let dayOfOrder = "{" + orders.map { "\"\($0.conversion.id.uuidString.lowercased())\":\"\($0.day)\"" }
            .joined(separator: ",") + "}"
        for (conversion, _, touches) in orders {
            for credit in attributor.credits(for: conversion, touches: touches) {
                rows.append([
                    rows.count, credit.conversionID, credit.touchID, credit.model.rawValue, credit.window.rawValue,
                    credit.channel, credit.campaign, credit.credit, credit.revenueMinor, conversion.currency,
                ])
            }
        }
        try await tx.query(
            """
            WITH old AS (
                DELETE FROM attribution_results WHERE tenant_id = $2 AND conversion_id = ANY($1::text[]::uuid[])
                RETURNING tenant_id, conversion_id, model, attribution_window, channel, campaign, credit, revenue_minor,
                    currency)
            \(rollUp("old", sign: "-", tenant: "$2::uuid", days: "$3"))
            """, [conversionIDs, tx.tenantID, dayOfOrder])
        try await staging.stage(rows, in: tx)
        try await tx.query(
            """
            WITH new AS (
                INSERT INTO attribution_results (tenant_id, conversion_id, touchpoint_id, model, attribution_window,
                    channel, campaign, credit, revenue_minor, currency)
                SELECT $1::uuid, conversion_id, touchpoint_id, model, attribution_window, channel, campaign,
                    credit, revenue_minor, currency
                FROM staged_attribution_results ORDER BY ord
                RETURNING tenant_id, conversion_id, model, attribution_window, channel, campaign, credit, revenue_minor,
                    currency)
            \(rollUp("new", sign: "+", tenant: "$1::uuid", days: "$2"))
            """, [tx.tenantID, dayOfOrder])
        try await tx.query(
            """
            DELETE FROM attribution_daily_metrics
            WHERE tenant_id = $2 AND conversions = 0 AND revenue_minor = 0 AND spend_minor = 0
              AND day = ANY($1::text[]::date[])
            """, [Array(Set(days)), tx.tenantID])
        try await InfluencerMatching.run(conversionIDs, in: tx)
    }
}

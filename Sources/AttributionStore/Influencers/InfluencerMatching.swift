public import AttributionCore
public import Foundation
public import Storage

/// Credits orders to influencers (the rule of influencers.proto's header,
/// docs/ATTRIBUTION.md "Influencers"), from the rules copy
/// `attribution_influencer_rules` and the touchpoint credit already in
/// `attribution_results`:
///
/// 1. An order with a discount code of one or more influencers is credited
///    to them in full under every model and window, shared equally.
/// 2. Otherwise each touchpoint credit of the order (per model and window)
///    goes to the influencers whose UTM pattern or link the touchpoint
///    matches, shared equally when several match.
///
/// Shares are exact: 10⁻⁸ credit units and minor units are divided, and the
/// remainder goes one unit each to the influencers in ascending id order.
/// Rows are summed per (influencer, order, model, window), so an order never
/// counts twice for one influencer (two of its touchpoints, or a touchpoint
/// matching two patterns, add up to at most the order's credit).
public enum InfluencerMatching {
    /// Matches `conversionIDs` again: ingest calls it in the transaction that
    /// attributes them.
    public static func run(_ conversionIDs: [String], in tx: TenantTransaction) async throws {
        guard !conversionIDs.isEmpty else { return }
        try await rematch(orders: "o.id = ANY($1::text[]::uuid[])", [conversionIDs], in: tx)
    }

    /// Matches every order placed on or after `first` (UTC day) again: the
    /// re-attribution job's period.
    public static func run(since first: CalendarDay, in tx: TenantTransaction) async throws {
        try await rematch(orders: "o.ordered_at >= $1::date::timestamp AT TIME ZONE 'UTC'", [first.description], in: tx)
    }

    private static func rematch(orders filter: String, _ bindings: [any PostgresEncodable], in tx: TenantTransaction) async throws {
        try await tx.query(
            """
            DELETE FROM attribution_influencer_credits c
            WHERE c.tenant_id = $2::uuid AND c.conversion_id IN (
                SELECT o.id FROM attribution_conversions o WHERE o.tenant_id = $2::uuid AND \(filter))
            """, bindings + [tx.tenantID])
        let models = AttributionModel.allCases.map(\.rawValue)
        let windows = AttributionWindow.allCases.map(\.rawValue)
        let shares = try await tx.query(matchSQL(filter), bindings + [models, windows, tx.tenantID])
        guard !shares.isEmpty else { return }
        // Read, then written from arrays: on Citus an INSERT ... SELECT of
        // this shape is pulled to the coordinator and copied into the shard,
        // which row-level security refuses. An insert from arrays with ON
        // CONFLICT (none can happen: the order's credits were deleted above
        // and the rows are grouped) is sent to the tenant's shard as an
        // INSERT.
        func column(_ name: String) -> [String] { shares.map { $0[name] ?? "" } }
        try await tx.query(
            """
            INSERT INTO attribution_influencer_credits (tenant_id, influencer_id, model, attribution_window, conversion_id,
                day, via, credit, revenue_minor, is_new_customer)
            SELECT $1::uuid, influencer, model, win, conversion, day, via, units::numeric / 100000000, revenue, is_new
            FROM unnest($2::text[]::uuid[], $3::text[], $4::text[], $5::text[]::uuid[], $6::text[]::date[], $7::text[],
                $8::text[]::bigint[], $9::text[]::bigint[], $10::text[]::boolean[])
                AS credit(influencer, model, win, conversion, day, via, units, revenue, is_new)
            ORDER BY influencer, model, win, conversion
            ON CONFLICT DO NOTHING
            """,
            [
                tx.tenantID, column("influencer"), column("model"), column("win"), column("conversion"), column("day"),
                column("via"), column("units"), column("revenue"), column("is_new"),
            ])
    }

    /// The credits to store, as text. The filter has one binding ($1); $2 and
    /// $3 are the models and windows, $4 the tenant (named in every table's
    /// condition: one shard on Citus).
    private static func matchSQL(_ filter: String) -> String {
        """
        WITH o AS (
            SELECT o.id, o.ordered_at, o.revenue_minor, o.is_new_customer, o.discount_codes
            FROM attribution_conversions o WHERE o.tenant_id = $4::uuid AND \(filter)
        ),
        coded AS (
            SELECT DISTINCT o.id AS conversion_id, r.influencer_id
            FROM o CROSS JOIN LATERAL unnest(o.discount_codes) AS code(text)
            JOIN attribution_influencer_rules r
                ON r.tenant_id = $4::uuid AND r.kind = 'code' AND r.pattern = lower(code.text)
        ),
        code_shares AS (
            SELECT c.conversion_id, c.influencer_id, o.revenue_minor,
                row_number() OVER (PARTITION BY c.conversion_id ORDER BY c.influencer_id) AS rank,
                count(*) OVER (PARTITION BY c.conversion_id) AS n
            FROM coded c JOIN o ON o.id = c.conversion_id
        ),
        touch_matches AS (
            SELECT DISTINCT r.id AS result_id, ir.influencer_id
            FROM o JOIN attribution_results r
                ON r.tenant_id = $4::uuid AND r.conversion_id = o.id AND r.touchpoint_id IS NOT NULL
            JOIN attribution_touchpoints t ON t.tenant_id = $4::uuid AND t.id = r.touchpoint_id
            JOIN attribution_influencer_rules ir ON ir.tenant_id = $4::uuid AND (
                (ir.kind = 'utm' AND lower(t.utm_campaign) LIKE ir.pattern)
                OR (ir.kind = 'link' AND (
                    starts_with(lower(split_part(split_part(t.landing_page, '#', 1), '?', 1)), ir.pattern)
                    OR starts_with(lower(split_part(split_part(t.referrer, '#', 1), '?', 1)), ir.pattern))))
            WHERE NOT EXISTS (SELECT 1 FROM coded c WHERE c.conversion_id = o.id)
        ),
        touch_shares AS (
            SELECT r.conversion_id, m.influencer_id, r.model, r.attribution_window,
                (r.credit * 100000000)::bigint AS units, r.revenue_minor,
                row_number() OVER (PARTITION BY m.result_id ORDER BY m.influencer_id) AS rank,
                count(*) OVER (PARTITION BY m.result_id) AS n
            FROM touch_matches m JOIN attribution_results r ON r.tenant_id = $4::uuid AND r.id = m.result_id
        ),
        shares AS (
            SELECT s.conversion_id, s.influencer_id, m.model, w.win, 'code' AS via,
                100000000 / s.n + CASE WHEN s.rank <= 100000000 % s.n THEN 1 ELSE 0 END AS units,
                s.revenue_minor / s.n + CASE WHEN s.rank <= s.revenue_minor % s.n THEN 1 ELSE 0 END AS revenue
            FROM code_shares s CROSS JOIN unnest($2::text[]) AS m(model) CROSS JOIN unnest($3::text[]) AS w(win)
            UNION ALL
            SELECT conversion_id, influencer_id, model, attribution_window AS win, 'touch',
                sum(units / n + CASE WHEN rank <= units % n THEN 1 ELSE 0 END),
                sum(revenue_minor / n + CASE WHEN rank <= revenue_minor % n THEN 1 ELSE 0 END)
            FROM touch_shares GROUP BY conversion_id, influencer_id, model, attribution_window
        )
        SELECT s.influencer_id::text AS influencer, s.model, s.win, s.conversion_id::text AS conversion,
            (o.ordered_at AT TIME ZONE 'UTC')::date::text AS day, s.via, s.units::text AS units, s.revenue::text AS revenue,
            o.is_new_customer::text AS is_new
        FROM shares s JOIN o ON o.id = s.conversion_id
        WHERE s.units > 0
        """
    }
}

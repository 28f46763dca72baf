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
///
/// The same statements keep the daily roll-up `attribution_influencer_daily`
/// (the sums the metrics read) in step with the credits.
public enum InfluencerMatching {
    /// Matches `conversionIDs` again: ingest calls it in the transaction that
    /// attributes them.
    public static func run(_ conversionIDs: [String], in tx: TenantTransaction) async throws {
        guard !conversionIDs.isEmpty else { return }
        try await rematch(
            credits: "c.conversion_id = ANY($1::text[]::uuid[])", orders: "o.id = ANY($1::text[]::uuid[])", [conversionIDs],
            in: tx)
    }

    /// Matches every order placed on or after `first` (UTC day) again: the
    /// re-attribution job's period. Roll-up rows the change left at zero are
    /// deleted.
    public static func run(since first: CalendarDay, in tx: TenantTransaction) async throws {
        try await rematch(
            credits: "c.day >= $1::date", orders: "o.ordered_at >= $1::date::timestamp AT TIME ZONE 'UTC'",
            [first.description], in: tx)
        try await tx.query(
            """
            DELETE FROM attribution_influencer_daily
            WHERE tenant_id = $2 AND day >= $1::date AND conversions = 0 AND revenue_minor = 0
            """, [first.description, tx.tenantID])
    }

    /// `credits` selects the old credits (alias c) and `orders` the orders
    /// (alias o) to match, both with one binding ($1). A credit's day is its
    /// order's, so both select the same orders' credits.
    private static func rematch(
        credits: String, orders filter: String, _ bindings: [any PostgresEncodable], in tx: TenantTransaction
    ) async throws {
        try await tx.query(
            """
            WITH old AS (
                DELETE FROM attribution_influencer_credits c WHERE c.tenant_id = $2::uuid AND \(credits)
                RETURNING c.tenant_id, c.influencer_id, c.model, c.attribution_window, c.day, c.credit, c.revenue_minor,
                    c.is_new_customer)
            \(rollUp("old", sign: "-", tenant: "$2::uuid"))
            """, bindings + [tx.tenantID])
        let models = AttributionModel.allCases.map(\.rawValue)
        let windows = AttributionWindow.allCases.map(\.rawValue)
        try await tx.query(matchSQL(filter), bindings + [models, windows, tx.tenantID])
    }

    /// Adds (`sign` "+") or subtracts ("-") the credits of `source` to the
    /// daily roll-up `attribution_influencer_daily`, per (model, window, day,
    /// influencer). Credits are exact multiples of 10⁻⁸ and the roll-up's
    /// columns are exact too, so adding and subtracting never drifts.
    /// `tenant` is the parameter holding the tenant's id, named in the
    /// statement so that on Citus it runs on the tenant's shard.
    private static func rollUp(_ source: String, sign: String, tenant: String) -> String {
        """
        INSERT INTO attribution_influencer_daily AS d (tenant_id, model, attribution_window, day, influencer_id,
            conversions, new_customer_conversions, revenue_minor)
        SELECT tenant_id, model, attribution_window, day, influencer_id, \(sign)sum(credit),
            \(sign)coalesce(sum(credit) FILTER (WHERE is_new_customer), 0), \(sign)sum(revenue_minor)
        FROM \(source) WHERE tenant_id = \(tenant) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (tenant_id, model, attribution_window, day, influencer_id) DO UPDATE
            SET conversions = d.conversions + EXCLUDED.conversions,
                new_customer_conversions = d.new_customer_conversions + EXCLUDED.new_customer_conversions,
                revenue_minor = d.revenue_minor + EXCLUDED.revenue_minor
        """
    }

    /// The filter has one binding ($1); $2 and $3 are the models and windows,
    /// $4 the tenant (named in every table's condition: one shard on Citus).
    ///
    /// A tenant without rules matches nothing (`o` is empty then). Touchpoints
    /// are matched once each, not once per result row, and only against the
    /// rules whose literal prefix (`prefix`: a UTM pattern's characters
    /// before its first wildcard, a link whole) is a prefix of the
    /// touchpoint's value: the value's prefixes look the rules up by equality
    /// on their (tenant_id, kind, prefix) index, so a touchpoint meets its few
    /// candidate rules instead of all of them.
    private static func matchSQL(_ filter: String) -> String {
        #"""
        WITH o AS MATERIALIZED (
            SELECT o.id, o.ordered_at, o.revenue_minor, o.is_new_customer, o.discount_codes
            FROM attribution_conversions o
            WHERE o.tenant_id = $4::uuid AND \#(filter)
              AND EXISTS (SELECT 1 FROM attribution_influencer_rules r WHERE r.tenant_id = $4::uuid)
        ),
        codes AS MATERIALIZED (
            SELECT DISTINCT o.id AS conversion_id, lower(code.text) AS code
            FROM o CROSS JOIN LATERAL unnest(o.discount_codes) AS code(text)
        ),
        coded AS MATERIALIZED (
            SELECT DISTINCT c.conversion_id, r.influencer_id
            FROM codes c JOIN attribution_influencer_rules r
                ON r.tenant_id = $4::uuid AND r.kind = 'code' AND r.pattern = c.code
        ),
        code_shares AS (
            SELECT c.conversion_id, c.influencer_id, o.revenue_minor,
                row_number() OVER (PARTITION BY c.conversion_id ORDER BY c.influencer_id) AS rank,
                count(*) OVER (PARTITION BY c.conversion_id) AS n
            FROM coded c JOIN o ON o.id = c.conversion_id
        ),
        results AS MATERIALIZED (
            SELECT r.id, r.touchpoint_id, r.conversion_id, r.model, r.attribution_window, r.credit, r.revenue_minor
            FROM o JOIN attribution_results r
                ON r.tenant_id = $4::uuid AND r.conversion_id = o.id AND r.touchpoint_id IS NOT NULL
            WHERE NOT EXISTS (SELECT 1 FROM coded c WHERE c.conversion_id = o.id)
        ),
        touch_values AS MATERIALIZED (
            SELECT DISTINCT t.id AS touchpoint_id, v.kind, v.value
            FROM (SELECT DISTINCT touchpoint_id FROM results) x
            JOIN attribution_touchpoints t ON t.tenant_id = $4::uuid AND t.id = x.touchpoint_id
            CROSS JOIN LATERAL (VALUES
                ('utm', lower(t.utm_campaign)),
                ('link', lower(split_part(split_part(t.landing_page, '#', 1), '?', 1))),
                ('link', lower(split_part(split_part(t.referrer, '#', 1), '?', 1)))) AS v(kind, value)
            WHERE v.value IS NOT NULL
        ),
        touch_rules AS MATERIALIZED (
            SELECT DISTINCT v.touchpoint_id, r.influencer_id
            FROM touch_values v
            CROSS JOIN LATERAL generate_series(0, least(length(v.value), (
                SELECT max(length(x.prefix)) FROM attribution_influencer_rules x
                WHERE x.tenant_id = $4::uuid AND x.kind IN ('utm', 'link')))) AS n
            JOIN attribution_influencer_rules r
                ON r.tenant_id = $4::uuid AND r.kind = v.kind AND r.prefix = left(v.value, n)
            WHERE CASE v.kind WHEN 'utm' THEN v.value LIKE r.pattern ELSE starts_with(v.value, r.pattern) END
        ),
        touch_matches AS (
            SELECT DISTINCT r.id AS result_id, m.influencer_id
            FROM results r JOIN touch_rules m ON m.touchpoint_id = r.touchpoint_id
        ),
        touch_shares AS (
            SELECT r.conversion_id, m.influencer_id, r.model, r.attribution_window,
                (r.credit * 100000000)::bigint AS units, r.revenue_minor,
                row_number() OVER (PARTITION BY m.result_id ORDER BY m.influencer_id) AS rank,
                count(*) OVER (PARTITION BY m.result_id) AS n
            FROM touch_matches m JOIN results r ON r.id = m.result_id
        ),
        shares AS MATERIALIZED (
            SELECT s.conversion_id, s.influencer_id, m.model, w.win, 'code' AS via,
                100000000 / s.n + CASE WHEN s.rank <= 100000000 % s.n THEN 1 ELSE 0 END AS units,
                s.revenue_minor / s.n + CASE WHEN s.rank <= s.revenue_minor % s.n THEN 1 ELSE 0 END AS revenue
            FROM code_shares s CROSS JOIN unnest($2::text[]) AS m(model) CROSS JOIN unnest($3::text[]) AS w(win)
            UNION ALL
            SELECT conversion_id, influencer_id, model, attribution_window AS win, 'touch',
                sum(units / n + CASE WHEN rank <= units % n THEN 1 ELSE 0 END),
                sum(revenue_minor / n + CASE WHEN rank <= revenue_minor % n THEN 1 ELSE 0 END)
            FROM touch_shares GROUP BY conversion_id, influencer_id, model, attribution_window
        ),
        new AS (
            INSERT INTO attribution_influencer_credits (tenant_id, influencer_id, model, attribution_window, conversion_id,
                day, via, credit, revenue_minor, is_new_customer)
            SELECT $4::uuid, s.influencer_id, s.model, s.win, s.conversion_id,
                (o.ordered_at AT TIME ZONE 'UTC')::date, s.via, s.units::numeric / 100000000, s.revenue, o.is_new_customer
            FROM shares s JOIN o ON o.id = s.conversion_id
            WHERE s.units > 0
            ORDER BY s.influencer_id, s.model, s.win, s.conversion_id
            RETURNING tenant_id, influencer_id, model, attribution_window, day, credit, revenue_minor, is_new_customer
        )
        \#(rollUp("new", sign: "+", tenant: "$4::uuid"))
        """#
    }
}

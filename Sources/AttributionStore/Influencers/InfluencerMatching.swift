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
/// Shares are summed per (influencer, order, model, window), so an order
/// never counts twice for one influencer (two of its touchpoints, or a
/// touchpoint matching two patterns, add up to at most the order's credit).
///
/// An influencer's credits for an order are one row of
/// `attribution_influencer_order_credits`, the credit under each model and
/// window in parallel arrays; a code credit, the same under all of them, is
/// one entry under model and window `*`. The same statements keep the daily
/// roll-up `attribution_influencer_daily` (the sums the metrics read, code
/// credits under `*` too) in step with the credits.
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
                DELETE FROM attribution_influencer_order_credits c WHERE c.tenant_id = $2::uuid AND \(credits)
                RETURNING c.*)
            \(rollUp(flattened("old"), sign: "-", tenant: "$2::uuid"))
            """, bindings + [tx.tenantID])
        try await tx.query(matchSQL(filter), bindings + [tx.tenantID])
    }

    /// The credits rows of `source` (with the columns of
    /// `attribution_influencer_order_credits`), one row per model and window
    /// entry: tenant_id, model, attribution_window, day, influencer_id,
    /// credit, revenue_minor, is_new_customer.
    private static func flattened(_ source: String) -> String {
        """
        (SELECT c.tenant_id, e.model, e.attribution_window, c.day, c.influencer_id, e.credit, e.revenue_minor,
            c.is_new_customer
         FROM \(source) c CROSS JOIN LATERAL unnest(c.models, c.windows, c.credits, c.revenues)
            AS e(model, attribution_window, credit, revenue_minor)) f
        """
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

    /// The filter has one binding ($1); $2 is the tenant (named in every
    /// table's condition: one shard on Citus).
    ///
    /// A tenant without rules matches nothing (`o` is empty then). Touchpoints
    /// are matched once each, not once per result row, and only against the
    /// rules whose literal prefix (`prefix`: a UTM pattern's characters
    /// before its first wildcard, a link whole) is a prefix of the
    /// touchpoint's value: the value's prefixes of the lengths the tenant's
    /// rules have look the rules up on their (tenant_id, kind, prefix)
    /// index, so a touchpoint meets its few candidate rules instead of all
    /// of them. The roll-up is added from the inserted credits (RETURNING),
    /// in the same statement: on Citus an INSERT ... SELECT from a plain CTE
    /// was pulled to the coordinator and copied to the shard, which
    /// row-level security refuses.
    ///
    /// The plan must not depend on the tenant's statistics: a new tenant's
    /// statistics estimate a handful of rows everywhere, and the planner
    /// then joined the CTEs to each other by nested loops (a batch's 3,000
    /// result rows scanned once per matched row: 0.5 s per 100 orders until
    /// the next ANALYZE). So no CTE is joined to another:
    /// - rules are looked up per code and per prefix of a touchpoint value by
    ///   a LATERAL subquery with equality on every column of their index
    ///   (`OFFSET 0` keeps it per row);
    /// - the values compared are computed outside it, in a subquery of their
    ///   own: under row-level security only a leakproof condition may be an
    ///   index condition, and `prefix = left(value, n)` or `pattern =
    ///   lower(code)` (functions that are not leakproof) became filters,
    ///   reading all the tenant's rules of the kind per value;
    /// - the coded orders are left out by an array, a result row finds its
    ///   touchpoint's influencers in one JSON object keyed by touchpoint, and
    ///   the order's columns travel with its rows.
    private static func matchSQL(_ filter: String) -> String {
        #"""
        WITH o AS MATERIALIZED (
            SELECT o.id, o.ordered_at, o.revenue_minor, o.is_new_customer, o.discount_codes
            FROM attribution_conversions o
            WHERE o.tenant_id = $2::uuid AND \#(filter)
              AND EXISTS (SELECT 1 FROM attribution_influencer_rules r WHERE r.tenant_id = $2::uuid)
        ),
        coded AS MATERIALIZED (
            SELECT DISTINCT o.id AS conversion_id, o.ordered_at, o.is_new_customer, o.revenue_minor, r.influencer_id
            FROM o CROSS JOIN LATERAL unnest(o.discount_codes) AS code(text)
            CROSS JOIN LATERAL (SELECT lower(code.text) AS code OFFSET 0) k
            CROSS JOIN LATERAL (
                SELECT r.influencer_id FROM attribution_influencer_rules r
                WHERE r.tenant_id = $2::uuid AND r.kind = 'code' AND r.pattern = k.code
                OFFSET 0) r
        ),
        results AS MATERIALIZED (
            SELECT r.id, r.touchpoint_id, r.conversion_id, r.model, r.attribution_window, r.credit, r.revenue_minor,
                o.ordered_at, o.is_new_customer
            FROM o JOIN attribution_results r
                ON r.tenant_id = $2::uuid AND r.conversion_id = o.id AND r.touchpoint_id IS NOT NULL
            WHERE o.id <> ALL (ARRAY(SELECT conversion_id FROM coded))
        ),
        touch_values AS MATERIALIZED (
            SELECT DISTINCT t.id AS touchpoint_id, v.kind, v.value
            FROM (SELECT DISTINCT touchpoint_id FROM results) x
            JOIN attribution_touchpoints t ON t.tenant_id = $2::uuid AND t.id = x.touchpoint_id
            CROSS JOIN LATERAL (VALUES
                ('utm', lower(t.utm_campaign)),
                ('link', lower(split_part(split_part(t.landing_page, '#', 1), '?', 1))),
                ('link', lower(split_part(split_part(t.referrer, '#', 1), '?', 1)))) AS v(kind, value)
            WHERE v.value IS NOT NULL
        ),
        lengths AS MATERIALIZED (
            SELECT DISTINCT x.kind, length(x.prefix) AS n FROM attribution_influencer_rules x
            WHERE x.tenant_id = $2::uuid AND x.kind IN ('utm', 'link')
        ),
        touch_rules AS MATERIALIZED (
            SELECT v.touchpoint_id, array_agg(DISTINCT r.influencer_id) AS influencers
            FROM touch_values v
            CROSS JOIN LATERAL (
                SELECT left(v.value, l.n) AS prefix FROM lengths l
                WHERE l.kind = v.kind AND l.n <= length(v.value)
                OFFSET 0) p
            CROSS JOIN LATERAL (
                SELECT r.influencer_id FROM attribution_influencer_rules r
                WHERE r.tenant_id = $2::uuid AND r.kind = v.kind AND r.prefix = p.prefix
                  AND CASE v.kind WHEN 'utm' THEN v.value LIKE r.pattern ELSE starts_with(v.value, r.pattern) END
                OFFSET 0) r
            GROUP BY v.touchpoint_id
        ),
        matched AS MATERIALIZED (
            SELECT coalesce(jsonb_object_agg(touchpoint_id, influencers), '{}') AS influencers FROM touch_rules
        ),
        touch_shares AS (
            SELECT r.conversion_id, r.ordered_at, r.is_new_customer, i.influencer_id, r.model, r.attribution_window,
                (r.credit * 100000000)::bigint AS units, r.revenue_minor,
                row_number() OVER (PARTITION BY r.id ORDER BY i.influencer_id) AS rank,
                count(*) OVER (PARTITION BY r.id) AS n
            FROM results r CROSS JOIN matched m
            CROSS JOIN LATERAL (
                SELECT e::uuid AS influencer_id
                FROM jsonb_array_elements_text(m.influencers -> r.touchpoint_id::text) AS e) i
        ),
        code_shares AS (
            SELECT c.*, row_number() OVER (PARTITION BY c.conversion_id ORDER BY c.influencer_id) AS rank,
                count(*) OVER (PARTITION BY c.conversion_id) AS n
            FROM coded c
        ),
        shares AS (
            SELECT conversion_id, ordered_at, is_new_customer, influencer_id, '*' AS model, '*' AS win, 'code' AS via,
                100000000 / n + CASE WHEN rank <= 100000000 % n THEN 1 ELSE 0 END AS units,
                revenue_minor / n + CASE WHEN rank <= revenue_minor % n THEN 1 ELSE 0 END AS revenue
            FROM code_shares
            UNION ALL
            SELECT conversion_id, ordered_at, is_new_customer, influencer_id, model, attribution_window, 'touch',
                sum(units / n + CASE WHEN rank <= units % n THEN 1 ELSE 0 END),
                sum(revenue_minor / n + CASE WHEN rank <= revenue_minor % n THEN 1 ELSE 0 END)
            FROM touch_shares
            GROUP BY conversion_id, ordered_at, is_new_customer, influencer_id, model, attribution_window
        ),
        new AS (
            INSERT INTO attribution_influencer_order_credits (tenant_id, conversion_id, influencer_id, day,
                is_new_customer, via, models, windows, credits, revenues)
            SELECT $2::uuid, conversion_id, influencer_id, (ordered_at AT TIME ZONE 'UTC')::date, is_new_customer, via,
                array_agg(model ORDER BY model, win), array_agg(win ORDER BY model, win),
                array_agg(units::numeric / 100000000 ORDER BY model, win), array_agg(revenue ORDER BY model, win)
            FROM shares
            WHERE units > 0
            GROUP BY conversion_id, influencer_id, ordered_at, is_new_customer, via
            ORDER BY conversion_id, influencer_id
            RETURNING *
        )
        \#(rollUp(flattened("new"), sign: "+", tenant: "$2::uuid"))
        """#
    }
}

-- QueryMetrics as attrd sent it before the period and the previous one
-- were read by one statement: a statement for each (for comparison only;
-- scripts/bench-citus.sh runs it with BENCH_CALLS=metrics-two-statements).
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SET LOCAL app.tenant_id TO '00000000-0000-4000-8000-0000000c1705';
SELECT channel, ''::text AS campaign, NULL::text AS period,
    COALESCE(sum(conversions) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::text AS conversions,
    COALESCE(sum(revenue_minor) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::bigint AS revenue,
    COALESCE(sum(spend_minor) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::bigint AS spend,
    min(currency) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))) AS currency,
    COALESCE(sum(revenue_minor), 0)::bigint AS all_revenue,
    bool_or((cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))) AS any_selected
FROM attribution_daily_metrics
WHERE tenant_id = :tenant AND model = :model AND attribution_window = :window AND day BETWEEN :first::date AND :last::date
GROUP BY 1 ORDER BY 1;
SELECT channel, ''::text AS campaign, NULL::text AS period,
    COALESCE(sum(conversions) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::text AS conversions,
    COALESCE(sum(revenue_minor) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::bigint AS revenue,
    COALESCE(sum(spend_minor) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::bigint AS spend,
    min(currency) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))) AS currency,
    COALESCE(sum(revenue_minor), 0)::bigint AS all_revenue,
    bool_or((cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))) AS any_selected
FROM attribution_daily_metrics
WHERE tenant_id = :tenant AND model = :model AND attribution_window = :window
  AND day BETWEEN :previous_first::date AND :previous_last::date
GROUP BY 1 ORDER BY 1;
COMMIT;

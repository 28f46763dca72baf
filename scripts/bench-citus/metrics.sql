-- One QueryMetrics call (Dashboards; attrctl metrics), grouped by channel,
-- as attrd sends it (pgbench -M extended: unnamed statements, the :names
-- below bound as parameters, as libpq's PQexecParams binds $n): a read-only
-- tenant transaction (BEGIN, then SET LOCAL app.tenant_id, which takes no
-- parameters) with one statement for the period (:first to :last) and the
-- previous one (MetricsReader.groupRows, the same SQL), then COMMIT.
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SET LOCAL app.tenant_id TO '00000000-0000-4000-8000-0000000c1705';
SELECT channel, ''::text AS campaign, NULL::text AS period,
    COALESCE(sum(conversions) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::text AS conversions,
    COALESCE(sum(revenue_minor) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::bigint AS revenue,
    COALESCE(sum(spend_minor) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))), 0)::bigint AS spend,
    min(currency) FILTER (WHERE (cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))) AS currency,
    COALESCE(sum(revenue_minor), 0)::bigint AS all_revenue,
    bool_or((cardinality(:channels::text[]) = 0 OR channel = ANY(:channels::text[]))) AS any_selected,
    day BETWEEN :first::date AND :last::date AS in_current
FROM attribution_daily_metrics
WHERE tenant_id = :tenant AND model = :model AND attribution_window = :window
  AND (day BETWEEN :first::date AND :last::date OR day BETWEEN :previous_first::date AND :previous_last::date)
GROUP BY 1, 10 ORDER BY 1;
COMMIT;

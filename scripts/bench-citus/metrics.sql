-- A dashboard-style metrics read, as attrd's MetricsReader makes it: a
-- read-only tenant transaction with one statement for the period and the
-- previous one (30 days each, every channel) of the daily roll-up.
BEGIN READ ONLY;
SET LOCAL app.tenant_id TO '00000000-0000-4000-8000-0000000c1705';
SELECT day::text AS day, channel, sum(conversions)::text AS conversions, sum(revenue_minor) AS revenue,
    sum(spend_minor) AS spend, min(currency) AS currency
FROM attribution_daily_metrics
WHERE tenant_id = '00000000-0000-4000-8000-0000000c1705' AND model = 'linear' AND attribution_window = '30d'
  AND day BETWEEN current_date - 59 AND current_date
  AND (cardinality('{}'::text[]) = 0 OR channel = ANY('{}'::text[]))
GROUP BY day, channel ORDER BY day, channel;
COMMIT;

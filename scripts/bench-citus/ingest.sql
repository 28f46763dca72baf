-- One IngestPixelEvents call of 1000 events, as attrd's PixelEventWriter sends
-- it (pgbench -M extended: unnamed statements, as libpq's PQexecParams): a
-- tenant transaction (SET LOCAL app.tenant_id), one INSERT ... SELECT with
-- ON CONFLICT DO NOTHING and the NOTIFY in the same statement. The rows are
-- made server-side (generate_series) instead of arriving as 13 array
-- parameters; event ids are unique per call.
\set batch random(1, 2000000000)
BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;
SET LOCAL app.tenant_id TO '00000000-0000-4000-8000-0000000c1705';
WITH inserted AS (
    INSERT INTO pixel_events (tenant_id, platform, event_type, event_name, event_id, event_time, order_id,
        session_id, match_status, delivery_status, delivery_attempts, match_keys, ingest_batch)
    SELECT app_current_tenant(), 'meta', 'purchase', 'Purchase', :client_id || '-' || :batch || '-' || g,
        now() - g * interval '1 second', 'o-' || :batch || '-' || g, 's-' || (g % 50), 'unmatched', 'pending', 0,
        '{}'::jsonb, gen_random_uuid()
    FROM generate_series(1, 1000) AS g
    ON CONFLICT (tenant_id, platform, event_name, event_id) DO NOTHING
    RETURNING 1
)
SELECT counted.n, (SELECT pg_notify('bench_citus', 'x') WHERE counted.n > 0) IS NOT NULL AS notified
FROM (SELECT count(*)::int AS n FROM inserted) AS counted;
COMMIT;

-- The pixel alert outbox and the pixel retry claims move onto the job queue
-- (docs/ARCHITECTURE.md "Jobs"): their own claim and lease columns go.
--
-- * An alert's delivery is a job of kind `pixel_alert_delivery` (payload
--   {"alert": id}, unique key the alert's id), enqueued in the transaction
--   that records the alert; the queue leases, counts and retries its
--   attempts. The alert keeps the record of them, for its history:
--   delivery_status ('sending' while an attempt runs), attempts,
--   last_attempt_at, delivery_error, delivered_targets, sent_at.
-- * A RetryEvents attempt is a job of kind `pixel_retry` (payload
--   {"event": id}, unique key `event#attempt`), created running and leased
--   to the call that sends the event, finished with the attempt's record.
--
-- The rows are read and written by the owner, which row-level security
-- (forced on tenant tables) would hide: it is lifted on the three tables
-- for the data steps and put back after them.
ALTER TABLE jobs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE pixel_alert_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE pixel_events NO FORCE ROW LEVEL SECURITY;

-- 1. Every alert not yet delivered or failed becomes a delivery job: a
-- pending one due when its next attempt was, one that was being sent
-- (its replica stopped, or is stopping for this upgrade) due now. Attempts
-- already made count; the last one in flight gets one more.
INSERT INTO jobs (tenant_id, kind, payload, state, run_at, unique_key, attempts, max_attempts, last_error, updated_at)
    SELECT e.tenant_id, 'pixel_alert_delivery', jsonb_build_object('alert', e.id),
        CASE WHEN e.attempts > 0 THEN 'retryable' ELSE 'available' END,
        CASE WHEN e.delivery_status = 'sending' THEN now() ELSE e.next_attempt_at END,
        e.id::text, e.attempts, GREATEST(8, e.attempts + 1), e.delivery_error, now()
    FROM pixel_alert_events e WHERE e.delivery_status IN ('pending', 'sending')
    ON CONFLICT (tenant_id, kind, unique_key) WHERE unique_key IS NOT NULL DO NOTHING;
UPDATE pixel_alert_events SET delivery_status = 'pending', claim_id = NULL, claimed_until = NULL
    WHERE delivery_status = 'sending';

-- 2. Every retry claim still held becomes that call's running attempt job,
-- leased until the claim would have lapsed.
INSERT INTO jobs (tenant_id, kind, payload, state, run_at, unique_key, attempts, max_attempts,
        lease_owner, lease_expires_at, heartbeat_at, attempted_at, updated_at)
    SELECT p.tenant_id, 'pixel_retry', jsonb_build_object('event', p.id), 'running', now(),
        p.id::text || '#' || (p.delivery_attempts + 1), 1, 1,
        'RetryEvents:' || p.retry_claim::text, p.retry_claim_expires_at, now(), now(), now()
    FROM pixel_events p
    WHERE p.retry_claim IS NOT NULL AND p.retry_claim_expires_at > now() AND p.delivery_status <> 'delivered'
    ON CONFLICT (tenant_id, kind, unique_key) WHERE unique_key IS NOT NULL DO NOTHING;

-- 3. The due index of the queue learns of the delivery jobs (retry jobs
-- are run by their calls, never claimed by a runner).
INSERT INTO job_due (kind, tenant, due_at)
    SELECT kind, tenant_id, min(run_at) FROM jobs
    WHERE kind = 'pixel_alert_delivery' AND state IN ('available', 'retryable') GROUP BY kind, tenant_id
    ON CONFLICT (kind, tenant) DO UPDATE SET due_at = LEAST(job_due.due_at, EXCLUDED.due_at);
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
ALTER TABLE pixel_alert_events FORCE ROW LEVEL SECURITY;
ALTER TABLE pixel_events FORCE ROW LEVEL SECURITY;

-- 4. The per-feature claims and leases go.
DROP INDEX pixel_alert_events_due;
ALTER TABLE pixel_alert_events
    DROP CONSTRAINT pixel_alert_events_claimed,
    DROP COLUMN claim_id,
    DROP COLUMN claimed_until,
    DROP COLUMN next_attempt_at;
ALTER TABLE pixel_events
    DROP CONSTRAINT pixel_events_retry_claim,
    DROP COLUMN retry_claim,
    DROP COLUMN retry_claim_expires_at;

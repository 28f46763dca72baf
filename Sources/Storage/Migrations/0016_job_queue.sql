-- The durable job queue (the Jobs target; docs/ARCHITECTURE.md "Jobs",
-- docs/SCALING.md "Due work"). `jobs` is generalised in place: one table for
-- every kind of background work, a tenant table like any other (row-level
-- security, primary key (tenant_id, id), so Citus distributes it by tenant).
--
-- Due work is found through `job_due`: one small row per (kind, tenant) that
-- has unfinished jobs, holding a lower bound of when the tenant's next job of
-- that kind becomes claimable. A claim round reads the due rows of a kind
-- (least recently served first), then claims each tenant's jobs with a query
-- that names its tenant_id (one shard on Citus) and FOR UPDATE SKIP LOCKED.
-- With nothing due a round is one index probe of `job_due`, whatever the
-- number of tenants.

-- 1. `jobs`: states, leases, heartbeats, unique keys. The existing rows are
-- rewritten by the owner, which row-level security (forced on tenant tables)
-- would hide: it is lifted for this migration's data steps and put back below.
ALTER TABLE jobs NO FORCE ROW LEVEL SECURITY;
DROP INDEX jobs_tenant_pixel_alerts;
DROP INDEX jobs_tenant_due;
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs RENAME COLUMN status TO state;
ALTER TABLE jobs RENAME COLUMN locked_by TO lease_owner;
ALTER TABLE jobs ALTER COLUMN state SET DEFAULT 'available';
UPDATE jobs SET state = CASE state
    WHEN 'queued' THEN 'available'
    -- A job some replica was running when the queue changed: run it again.
    WHEN 'running' THEN 'available'
    WHEN 'failed' THEN 'discarded'
    ELSE state END;
ALTER TABLE jobs
    ADD CONSTRAINT jobs_state_check
        CHECK (state IN ('available', 'running', 'retryable', 'succeeded', 'discarded', 'cancelled')),
    ADD CONSTRAINT jobs_attempts_check CHECK (attempts >= 0),
    ADD CONSTRAINT jobs_kind_check CHECK (length(kind) BETWEEN 1 AND 100),
    -- Unique among every job of the tenant and kind, in any state (a schedule's
    -- tick is enqueued once, however many schedulers run, and never again).
    ADD COLUMN unique_key TEXT CHECK (length(unique_key) BETWEEN 1 AND 200),
    ADD COLUMN lease_expires_at TIMESTAMPTZ,
    ADD COLUMN heartbeat_at TIMESTAMPTZ,
    ADD COLUMN attempted_at TIMESTAMPTZ,
    ADD COLUMN finished_at TIMESTAMPTZ,
    -- Set by `attrd jobs cancel` on a running job: its runner stops it at the next heartbeat.
    ADD COLUMN cancel_requested_at TIMESTAMPTZ,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD CONSTRAINT jobs_lease CHECK ((state = 'running') = (lease_expires_at IS NOT NULL));
ALTER TABLE jobs DROP COLUMN locked_at;
-- The periodic pixel alert evaluation (one row per tenant until now) keeps
-- its rows, keyed by their due time as the Pixels module enqueues them.
UPDATE jobs SET unique_key = to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    WHERE kind = 'pixel_alerts';
CREATE UNIQUE INDEX jobs_unique_key ON jobs (tenant_id, kind, unique_key) WHERE unique_key IS NOT NULL;
CREATE INDEX jobs_pending ON jobs (tenant_id, kind, run_at) WHERE state IN ('available', 'retryable');
CREATE INDEX jobs_leased ON jobs (tenant_id, kind, lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_state_kind ON jobs (state, kind);

-- 2. `job_due`: which tenants have work of a kind, and from when. Not a
-- tenant table: attr_app never reads or writes it except through the
-- functions below.
CREATE TABLE job_due (
    kind TEXT NOT NULL,
    -- Not `tenant_id`: this is an index of due work across tenants, not a
    -- tenant's data; on Citus it stays undistributed (docs/SCALING.md).
    tenant UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    -- Never later than the moment the tenant's next job of this kind may be
    -- claimed (a run_at, or a running job's lease expiry); it may be earlier.
    due_at TIMESTAMPTZ NOT NULL,
    -- When a claim round last took this tenant's work: rounds serve the
    -- least recently served tenant first.
    served_at TIMESTAMPTZ,
    PRIMARY KEY (kind, tenant)
);
CREATE INDEX job_due_kind_due ON job_due (kind, due_at);
INSERT INTO job_due (kind, tenant, due_at)
    SELECT kind, tenant_id, min(run_at) FROM jobs WHERE state IN ('available', 'retryable') GROUP BY kind, tenant_id;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;

-- The current tenant has a job of `p_kind` claimable from `p_at`: called in
-- the tenant transaction that enqueues (or reschedules) it, so it commits
-- or rolls back with the job.
CREATE FUNCTION app_job_due(p_kind text, p_at timestamptz) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
    INSERT INTO job_due (kind, tenant, due_at) VALUES (p_kind, app_current_tenant(), p_at)
    ON CONFLICT (kind, tenant) DO UPDATE SET due_at = LEAST(job_due.due_at, EXCLUDED.due_at)
$$;
REVOKE ALL ON FUNCTION app_job_due(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_job_due(text, timestamptz) TO attr_app;

-- Claims up to `p_limit` due jobs of `p_kind` of `p_tenant` (whose
-- app.tenant_id the caller has set), oldest run_at first, with FOR UPDATE
-- SKIP LOCKED: available or retryable jobs whose run_at has come, and
-- running jobs whose lease expired (rescued; discarded instead when that
-- was their last attempt). Only app_jobs_claim calls it.
CREATE FUNCTION app_jobs_claim_tenant(
    p_kind text, p_tenant uuid, p_owner text, p_now timestamptz, p_lease interval, p_limit integer)
    RETURNS TABLE (tenant_id uuid, id uuid, payload jsonb, attempts integer, max_attempts integer, unique_key text)
    LANGUAGE plpgsql VOLATILE
    SET search_path = public, pg_temp
    AS $$
#variable_conflict use_column
BEGIN
    UPDATE jobs j SET state = 'discarded', lease_owner = NULL, lease_expires_at = NULL, finished_at = p_now,
            updated_at = p_now, last_error = 'lease expired during the last attempt (the worker stopped)'
        WHERE j.tenant_id = p_tenant AND j.kind = p_kind AND j.state = 'running'
          AND j.lease_expires_at <= p_now AND j.attempts >= j.max_attempts;
    RETURN QUERY
        WITH picked AS (
            SELECT c.id FROM jobs c
            WHERE c.tenant_id = p_tenant AND c.kind = p_kind AND (
                (c.state IN ('available', 'retryable') AND c.run_at <= p_now)
                OR (c.state = 'running' AND c.lease_expires_at <= p_now))
            ORDER BY c.run_at, c.id
            LIMIT p_limit
            FOR UPDATE SKIP LOCKED)
        UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, lease_owner = p_owner,
                lease_expires_at = p_now + p_lease, heartbeat_at = p_now, attempted_at = p_now, updated_at = p_now
            FROM picked WHERE j.tenant_id = p_tenant AND j.id = picked.id
            RETURNING j.tenant_id, j.id, j.payload, j.attempts, j.max_attempts, j.unique_key;
END
$$;
REVOKE ALL ON FUNCTION app_jobs_claim_tenant(text, uuid, text, timestamptz, interval, integer) FROM PUBLIC;

-- One claim round of `p_kind` at `p_now`: up to `p_limit` jobs over the due
-- tenants, least recently served first. Every due tenant in the round gets
-- an equal share (at least one), so one tenant's backlog delays another's
-- job by at most one round; what is left of the round then goes, in the
-- same order, to the tenants that had more. Each tenant's jobs are read and
-- leased with its own app.tenant_id set (row-level security holds here too),
-- by queries naming its tenant_id (one shard on Citus). Afterwards each
-- tenant's due time is recomputed (its row deleted when it has no work left).
-- Returns the claimed jobs, running, leased to `p_owner` until `p_now + p_lease`.
CREATE FUNCTION app_jobs_claim(p_kind text, p_owner text, p_now timestamptz, p_lease interval, p_limit integer)
    RETURNS TABLE (tenant_id uuid, id uuid, payload jsonb, attempts integer, max_attempts integer, unique_key text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
#variable_conflict use_column
DECLARE
    caller text := current_setting('app.tenant_id', true);
    due uuid[];
    filled uuid[] := '{}';
    visited uuid;
    share integer;
    taken integer;
    left_over integer := p_limit;
    next_due timestamptz;
BEGIN
    IF p_limit < 1 THEN RETURN; END IF;
    SELECT array_agg(d.tenant ORDER BY d.served_at NULLS FIRST, d.due_at) INTO due FROM (
        SELECT jd.tenant, jd.served_at, jd.due_at FROM job_due jd
        WHERE jd.kind = p_kind AND jd.due_at <= p_now
        ORDER BY jd.served_at NULLS FIRST, jd.due_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED) d;
    IF due IS NULL THEN RETURN; END IF;
    share := GREATEST(1, p_limit / array_length(due, 1));
    FOREACH visited IN ARRAY due LOOP
        PERFORM set_config('app.tenant_id', visited::text, true);
        RETURN QUERY SELECT * FROM app_jobs_claim_tenant(p_kind, visited, p_owner, p_now, p_lease, share);
        GET DIAGNOSTICS taken = ROW_COUNT;
        left_over := left_over - taken;
        IF taken = share THEN filled := filled || visited; END IF;
    END LOOP;
    FOREACH visited IN ARRAY filled LOOP
        EXIT WHEN left_over <= 0;
        PERFORM set_config('app.tenant_id', visited::text, true);
        RETURN QUERY SELECT * FROM app_jobs_claim_tenant(p_kind, visited, p_owner, p_now, p_lease, left_over);
        GET DIAGNOSTICS taken = ROW_COUNT;
        left_over := left_over - taken;
    END LOOP;
    FOREACH visited IN ARRAY due LOOP
        PERFORM set_config('app.tenant_id', visited::text, true);
        SELECT min(t.at) INTO next_due FROM (
            SELECT min(p.run_at) AS at FROM jobs p
                WHERE p.tenant_id = visited AND p.kind = p_kind AND p.state IN ('available', 'retryable')
            UNION ALL
            SELECT min(r.lease_expires_at) FROM jobs r
                WHERE r.tenant_id = visited AND r.kind = p_kind AND r.state = 'running') t;
        IF next_due IS NULL THEN
            DELETE FROM job_due jd WHERE jd.kind = p_kind AND jd.tenant = visited;
        ELSE
            UPDATE job_due jd SET due_at = next_due, served_at = p_now WHERE jd.kind = p_kind AND jd.tenant = visited;
        END IF;
    END LOOP;
    PERFORM set_config('app.tenant_id', COALESCE(caller, ''), true);
END
$$;
REVOKE ALL ON FUNCTION app_jobs_claim(text, text, timestamptz, interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_jobs_claim(text, text, timestamptz, interval, integer) TO attr_app;

-- The owner role reads every tenant's jobs, for the two functions below
-- (as it reads every tenant's row for app_tenant_ids()). It writes them
-- only with a tenant's app.tenant_id set, in app_jobs_claim.
CREATE POLICY owner_reads_all ON jobs FOR SELECT TO CURRENT_USER USING (true);

-- The tenant of job `p_id`, for `attrd jobs retry|cancel ID` (which then
-- works in that tenant's transaction); NULL when there is none.
CREATE FUNCTION app_job_tenant(p_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$ SELECT tenant_id FROM jobs WHERE id = p_id $$;
REVOKE ALL ON FUNCTION app_job_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_job_tenant(uuid) TO attr_app;

-- Per kind, the jobs due at `p_now` (available or retryable, run-at come)
-- and the oldest due run-at, for /metrics: counts only, no tenant. Read at
-- each metrics refresh, not at each claim round.
CREATE FUNCTION app_jobs_due_summary(p_now timestamptz)
    RETURNS TABLE (kind text, due bigint, oldest_due_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
    SELECT j.kind, count(*), min(j.run_at) FROM jobs j
    WHERE j.state IN ('available', 'retryable') AND j.run_at <= p_now GROUP BY j.kind
$$;
REVOKE ALL ON FUNCTION app_jobs_due_summary(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_jobs_due_summary(timestamptz) TO attr_app;

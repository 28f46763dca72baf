-- Distribution on Citus (docs/SCALING.md "Citus"). Without the citus
-- extension in this database, app_distribute_tables() does nothing and this
-- migration changes nothing else.
--
-- The migrator calls app_distribute_tables() after every migration it
-- applies (in that migration's transaction) and once at the end of every run,
-- so a table a later migration creates is distributed before the next one
-- uses it, and a database that gains the extension later is distributed at
-- attrd's next start. It is driven by the catalog, not by a list of names:
--
-- * a reference table (a copy on every node) for `tenants` and every other
--   table without a `tenant_id` column that a tenant table references (a
--   shared lookup);
-- * distributed by `tenant_id`, colocated with each other (a tenant's rows of
--   every table on the same node), every table with a `tenant_id` column,
--   each after the tables its foreign keys reference;
-- * everything else stays on the coordinator: `schema_migrations`, and
--   `job_due`, the job queue's index of due work across tenants (its tenant
--   column is named `tenant`, not `tenant_id`, on purpose; Citus keeps it as
--   a coordinator-local table because of its foreign key to `tenants`).
--
-- Idempotent: tables already distributed are left alone. Returns how many
-- tables it distributed or made reference tables by this call.
CREATE FUNCTION app_distribute_tables() RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = public, pg_temp
    AS $$
DECLARE
    refs regclass[];
    tenant_tables regclass[];
    candidate regclass;
    anchor regclass;
    fk record;
    fks text[] := '{}';
    statement text;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        RETURN 0;
    END IF;
    -- A tenant transaction's `SET LOCAL app.tenant_id` must reach the
    -- workers, where the shards' row-level security policies read it (for
    -- the connections opened after this; attrd opens its pool after migrating).
    IF NOT EXISTS (SELECT FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                   WHERE d.datname = current_database() AND s.setrole = 0
                     AND 'citus.propagate_set_commands=local' = ANY (s.setconfig)) THEN
        EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands TO local', current_database());
    END IF;
    -- Reference tables to make: tenants, and the shared lookups (tables
    -- without tenant_id that a tenant table references).
    SELECT array_agg(c.oid::regclass ORDER BY c.relname) INTO refs FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND NOT EXISTS (SELECT FROM pg_attribute a
                          WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
          AND (c.relname = 'tenants' OR EXISTS (
              SELECT FROM pg_constraint f JOIN pg_attribute a
                  ON a.attrelid = f.conrelid AND a.attname = 'tenant_id' AND NOT a.attisdropped
              WHERE f.contype = 'f' AND f.confrelid = c.oid))
          AND NOT EXISTS (SELECT FROM pg_dist_partition p
                          WHERE p.logicalrelid = c.oid AND p.partmethod = 'n' AND p.repmodel = 't');
    -- Tables to distribute by tenant_id: every table with that column not
    -- distributed yet (including one Citus made a coordinator-local table
    -- because of its foreign key to a reference table).
    SELECT array_agg(c.oid::regclass ORDER BY c.relname) INTO tenant_tables FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND EXISTS (SELECT FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
          AND NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.oid AND p.partmethod = 'h');
    IF refs IS NULL AND tenant_tables IS NULL THEN
        RETURN 0;
    END IF;
    -- Foreign keys to reference tables, added in the transaction that made
    -- the shards: Citus must then use one connection per node.
    SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
    refs := COALESCE(refs, '{}');
    tenant_tables := COALESCE(tenant_tables, '{}');

    -- Citus refuses to distribute a table while a foreign key joins it to a
    -- table that is not distributed (or one not distributed yet to it), so
    -- the foreign keys touching these tables are dropped, the tables
    -- distributed, and the same foreign keys added back (checked again).
    FOR fk IN
        SELECT f.conrelid::regclass AS rel, f.conname, pg_get_constraintdef(f.oid) AS def FROM pg_constraint f
        WHERE f.contype = 'f' AND (f.conrelid = ANY (refs || tenant_tables) OR f.confrelid = ANY (refs || tenant_tables))
        ORDER BY f.conrelid::regclass::text, f.conname
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
        -- Citus 13 refuses ON DELETE SET NULL / SET DEFAULT in a foreign key
        -- that includes the distribution column, even with a column list
        -- (`SET NULL (x)`): such a key comes back as NO ACTION. attrd never
        -- deletes the rows they reference (creators, touchpoints,
        -- influencers; a tenant's deletion cascades through every table), so
        -- only a hand-made delete behaves differently: it fails while rows
        -- reference the row, instead of clearing the references.
        fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.rel, fk.conname,
            regexp_replace(fk.def, ' ON DELETE SET (NULL|DEFAULT)( \([^)]*\))?', ''));
    END LOOP;

    -- Distributing a table copies its rows: row-level security, forced on
    -- tenant tables, would hide them from the owner doing it, so it is
    -- lifted for the copy (in this transaction only: it commits forced).
    FOREACH candidate IN ARRAY refs LOOP
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', candidate);
        PERFORM create_reference_table(candidate);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', candidate);
    END LOOP;
    SELECT p.logicalrelid INTO anchor FROM pg_dist_partition p
        WHERE p.partmethod = 'h' AND column_to_column_name(p.logicalrelid, p.partkey) = 'tenant_id'
        ORDER BY p.colocationid, p.logicalrelid::oid LIMIT 1;
    FOREACH candidate IN ARRAY tenant_tables LOOP
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', candidate);
        IF anchor IS NULL THEN
            PERFORM create_distributed_table(candidate, 'tenant_id', colocate_with => 'none');
            anchor := candidate;
        ELSE
            PERFORM create_distributed_table(candidate, 'tenant_id', colocate_with => anchor::text);
        END IF;
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', candidate);
    END LOOP;
    FOREACH statement IN ARRAY fks LOOP
        EXECUTE statement;
    END LOOP;
    RETURN cardinality(refs) + cardinality(tenant_tables);
END
$$;
REVOKE ALL ON FUNCTION app_distribute_tables() FROM PUBLIC;

-- The job queue's claim round sets each visited tenant's app.tenant_id with
-- SET LOCAL (was set_config(..., true)): on Citus only SET LOCAL reaches the
-- workers, where the shards' row-level security reads it. Otherwise as in
-- 0016_job_queue.
CREATE OR REPLACE FUNCTION app_jobs_claim(p_kind text, p_owner text, p_now timestamptz, p_lease interval, p_limit integer)
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
        EXECUTE format('SET LOCAL app.tenant_id TO %L', visited);
        RETURN QUERY SELECT * FROM app_jobs_claim_tenant(p_kind, visited, p_owner, p_now, p_lease, share);
        GET DIAGNOSTICS taken = ROW_COUNT;
        left_over := left_over - taken;
        IF taken = share THEN filled := filled || visited; END IF;
    END LOOP;
    FOREACH visited IN ARRAY filled LOOP
        EXIT WHEN left_over <= 0;
        EXECUTE format('SET LOCAL app.tenant_id TO %L', visited);
        RETURN QUERY SELECT * FROM app_jobs_claim_tenant(p_kind, visited, p_owner, p_now, p_lease, left_over);
        GET DIAGNOSTICS taken = ROW_COUNT;
        left_over := left_over - taken;
    END LOOP;
    FOREACH visited IN ARRAY due LOOP
        EXECUTE format('SET LOCAL app.tenant_id TO %L', visited);
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
    EXECUTE format('SET LOCAL app.tenant_id TO %L', COALESCE(caller, ''));
END
$$;

-- Two of the job queue's SQL functions read `jobs` across tenants (the
-- operators' `attrd jobs retry|cancel ID`, which finds a job's tenant, and
-- the /metrics summary): multi-shard on Citus by design, neither on a
-- tenant's call path. Citus cannot plan a distributed query inside an SQL
-- function that has parameters, so they are PL/pgSQL now; same results.
CREATE OR REPLACE FUNCTION app_job_tenant(p_id uuid) RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
BEGIN
    RETURN (SELECT tenant_id FROM jobs WHERE id = p_id);
END
$$;

CREATE OR REPLACE FUNCTION app_jobs_due_summary(p_now timestamptz)
    RETURNS TABLE (kind text, due bigint, oldest_due_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
BEGIN
    RETURN QUERY
        SELECT j.kind, count(*), min(j.run_at) FROM jobs j
        WHERE j.state IN ('available', 'retryable') AND j.run_at <= p_now GROUP BY j.kind;
END
$$;

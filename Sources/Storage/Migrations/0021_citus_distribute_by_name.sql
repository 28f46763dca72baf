-- app_distribute_tables() (0019) again, holding the tables it converts by
-- name rather than by OID. A table a migration creates after distribution,
-- with its foreign key to the reference table `tenants`, is made a
-- coordinator-local table by Citus; dropping that key for the conversion
-- turns it back into a plain table under a new OID, so the OID the function
-- had collected named no table any more ("ALTER TABLE 20298 ..."). Names are
-- resolved when each table is converted. Otherwise as in 0019; without the
-- citus extension it still does nothing.
CREATE OR REPLACE FUNCTION app_distribute_tables() RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = public, pg_temp
    AS $$
DECLARE
    refs text[];
    tenant_tables text[];
    name text;
    candidate regclass;
    anchor regclass;
    drops text[];
    fks text[];
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
    SELECT array_agg(format('%I', c.relname) ORDER BY c.relname) INTO refs FROM pg_class c
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
    SELECT array_agg(format('%I', c.relname) ORDER BY c.relname) INTO tenant_tables FROM pg_class c
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
    -- Every statement is made before any runs: dropping a key can turn a
    -- coordinator-local table back into a plain one under a new OID.
    SELECT array_agg(format('ALTER TABLE %s DROP CONSTRAINT %I', f.conrelid::regclass, f.conname)
                     ORDER BY f.conrelid::regclass::text, f.conname),
           -- Citus 13 refuses ON DELETE SET NULL / SET DEFAULT in a foreign
           -- key that includes the distribution column, even with a column
           -- list: such a key comes back as NO ACTION (as in 0019).
           array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', f.conrelid::regclass, f.conname,
                            regexp_replace(pg_get_constraintdef(f.oid), ' ON DELETE SET (NULL|DEFAULT)( \([^)]*\))?', ''))
                     ORDER BY f.conrelid::regclass::text, f.conname)
        INTO drops, fks
        FROM pg_constraint f
        WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace
          AND (f.conrelid::regclass::text = ANY (refs || tenant_tables)
               OR f.confrelid::regclass::text = ANY (refs || tenant_tables));
    FOREACH statement IN ARRAY COALESCE(drops, '{}') LOOP
        EXECUTE statement;
    END LOOP;
    fks := COALESCE(fks, '{}');

    -- Distributing a table copies its rows: row-level security, forced on
    -- tenant tables, would hide them from the owner doing it, so it is
    -- lifted for the copy (in this transaction only: it commits forced).
    FOREACH name IN ARRAY refs LOOP
        candidate := name::regclass;
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', candidate);
        PERFORM create_reference_table(candidate);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', candidate);
    END LOOP;
    SELECT p.logicalrelid INTO anchor FROM pg_dist_partition p
        WHERE p.partmethod = 'h' AND column_to_column_name(p.logicalrelid, p.partkey) = 'tenant_id'
        ORDER BY p.colocationid, p.logicalrelid::oid LIMIT 1;
    FOREACH name IN ARRAY tenant_tables LOOP
        candidate := name::regclass;
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

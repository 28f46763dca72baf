-- Tenancy: the current-tenant function every policy uses, the helper that
-- protects a tenant-owned table, and the tenants and creators tables.
-- Runs as the owner role (attr_owner); the application role is attr_app.

-- The tenant of the current transaction: set by attrd with
-- set_config('app.tenant_id', $1, true) (SET LOCAL). NULL when unset, or
-- empty (what a session shows after a SET LOCAL ended), so that no row
-- matches and nothing is visible, rather than an error.
CREATE FUNCTION app_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- Row-level security, enabled and forced (the owner is subject to it too),
-- with one policy for every command: a row is visible, and may be written,
-- only when its tenant_id is the current tenant. attr_app gets DML only.
CREATE FUNCTION app_protect_tenant_table(target regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path = public, pg_temp
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (tenant_id = app_current_tenant()) '
        'WITH CHECK (tenant_id = app_current_tenant())', target);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO attr_app', target);
END
$$;
REVOKE ALL ON FUNCTION app_protect_tenant_table(regclass) FROM PUBLIC;

CREATE TABLE tenants (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- A tenant sees and writes only its own row (it is provisioned inside its
-- own tenant transaction). The owner role reads all, for app_tenant_ids().
CREATE POLICY tenant_isolation ON tenants USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());
CREATE POLICY owner_reads_all ON tenants FOR SELECT TO CURRENT_USER USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants TO attr_app;

-- Every tenant's id and nothing else: for work that visits each tenant in
-- turn (schedulers, `attrd keys rotate`), each visit a tenant transaction.
CREATE FUNCTION app_tenant_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$ SELECT id FROM tenants ORDER BY id $$;
REVOKE ALL ON FUNCTION app_tenant_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_ids() TO attr_app;

-- Creators (the creator module's people), referenced by influencers.
CREATE TABLE creators (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name text NOT NULL,
    email text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creators_tenant_name ON creators (tenant_id, name);
SELECT app_protect_tenant_table('creators');

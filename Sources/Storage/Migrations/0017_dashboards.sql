-- Dashboards (issue 18): a dashboard belongs to a user principal, whose id
-- is the text of its certificate's SPIFFE path (as principal_roles keeps
-- it), not a UUID; it may be shared with the tenant's readers; it carries a
-- version for optimistic concurrency (ServiceKit's VersionedUpdate).
-- The table has never been written by attrd, but existing ids convert.
ALTER TABLE attribution_custom_dashboards
    ALTER COLUMN user_id TYPE TEXT USING user_id::text,
    ADD CONSTRAINT attribution_custom_dashboards_user_id_length CHECK (char_length(user_id) BETWEEN 1 AND 128),
    ADD COLUMN shared BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0);

-- The shared dashboards of a tenant, listed beside a user's own.
CREATE INDEX attribution_custom_dashboards_tenant_shared
    ON attribution_custom_dashboards (tenant_id, name, id) WHERE shared;

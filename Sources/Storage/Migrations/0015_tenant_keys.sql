-- Tenant-keyed schema (docs/SCALING.md): every tenant table's primary key
-- starts with tenant_id, every unique constraint includes it, and every
-- foreign key between tenant tables is composite, (tenant_id, x) REFERENCES
-- t (tenant_id, id). So no row can reference another tenant's row, even
-- through a bug that bypasses row-level security, and every table can be
-- distributed by tenant_id (Citus requires the distribution column in every
-- primary key, unique constraint and foreign key between distributed tables).
-- Existing rows keep their ids: only the keys change, in place.
--
-- A foreign key that used ON DELETE SET NULL now names its one column
-- (PostgreSQL 15: SET NULL (col)), so deleting the referenced row never
-- clears the NOT NULL tenant_id beside it.

-- 1. The foreign keys that referenced a primary key by id alone.
ALTER TABLE attribution_influencers DROP CONSTRAINT attribution_influencers_creator_id_fkey;
ALTER TABLE attribution_results
    DROP CONSTRAINT attribution_results_conversion_id_fkey,
    DROP CONSTRAINT attribution_results_touchpoint_id_fkey,
    DROP CONSTRAINT attribution_results_influencer_id_fkey;
ALTER TABLE export_runs DROP CONSTRAINT export_runs_export_config_id_fkey;
ALTER TABLE report_runs DROP CONSTRAINT report_runs_report_id_fkey;

-- 2. Primary keys (tenant_id, id); a lookup by id alone still finds one row
-- of the current tenant, the row-level-security predicate supplying tenant_id.
ALTER TABLE creators DROP CONSTRAINT creators_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_platform_connections
    DROP CONSTRAINT attribution_platform_connections_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_influencers DROP CONSTRAINT attribution_influencers_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_scheduled_reports
    DROP CONSTRAINT attribution_scheduled_reports_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_export_configs DROP CONSTRAINT attribution_export_configs_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_custom_dashboards
    DROP CONSTRAINT attribution_custom_dashboards_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE pixel_events DROP CONSTRAINT pixel_events_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_conversions DROP CONSTRAINT attribution_conversions_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_touchpoints DROP CONSTRAINT attribution_touchpoints_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE attribution_results DROP CONSTRAINT attribution_results_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE pixel_alert_configs DROP CONSTRAINT pixel_alert_configs_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE pixel_alert_events DROP CONSTRAINT pixel_alert_events_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE export_runs DROP CONSTRAINT export_runs_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE report_runs DROP CONSTRAINT report_runs_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE jobs DROP CONSTRAINT jobs_pkey, ADD PRIMARY KEY (tenant_id, id);

-- 3. Unique constraints that lacked tenant_id.
ALTER TABLE pixel_destinations
    DROP CONSTRAINT pixel_destinations_id_key,
    ADD CONSTRAINT pixel_destinations_tenant_id_id_key UNIQUE (tenant_id, id);

-- 4. The foreign keys again, composite: a row references rows of its own tenant only.
ALTER TABLE attribution_influencers
    ADD CONSTRAINT attribution_influencers_creator_fkey FOREIGN KEY (tenant_id, creator_id)
        REFERENCES creators (tenant_id, id) ON DELETE SET NULL (creator_id);
ALTER TABLE attribution_results
    ADD CONSTRAINT attribution_results_conversion_fkey FOREIGN KEY (tenant_id, conversion_id)
        REFERENCES attribution_conversions (tenant_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT attribution_results_touchpoint_fkey FOREIGN KEY (tenant_id, touchpoint_id)
        REFERENCES attribution_touchpoints (tenant_id, id) ON DELETE SET NULL (touchpoint_id),
    ADD CONSTRAINT attribution_results_influencer_fkey FOREIGN KEY (tenant_id, influencer_id)
        REFERENCES attribution_influencers (tenant_id, id) ON DELETE SET NULL (influencer_id);
ALTER TABLE export_runs
    ADD CONSTRAINT export_runs_export_config_fkey FOREIGN KEY (tenant_id, export_config_id)
        REFERENCES attribution_export_configs (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE report_runs
    ADD CONSTRAINT report_runs_report_fkey FOREIGN KEY (tenant_id, report_id)
        REFERENCES attribution_scheduled_reports (tenant_id, id) ON DELETE CASCADE;

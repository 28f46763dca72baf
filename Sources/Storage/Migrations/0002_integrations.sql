-- The five tables of the product spec ("Database Tables"), with the spec's
-- columns and constraints, plus CHECKs for the values its data structures
-- allow, and indexes for the services' queries (tenant_id first).
--
-- Secrets: encrypted_credentials and encrypted_destination_config hold a
-- sealed envelope (docs/SECURITY.md) that carries its own nonce, so
-- credentials_iv and destination_config_iv, kept for the spec's sake, stay NULL.

CREATE TABLE attribution_platform_connections (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_connected' CHECK (status IN ('connected', 'not_connected', 'error')),
    encrypted_credentials BYTEA,
    credentials_iv BYTEA,
    account_id TEXT,
    account_name TEXT,
    enabled BOOLEAN NOT NULL DEFAULT true,
    sync_frequency TEXT NOT NULL DEFAULT 'daily' CHECK (sync_frequency IN ('hourly', 'daily', 'weekly')),
    last_sync_at TIMESTAMPTZ,
    last_sync_status TEXT CHECK (last_sync_status IN ('success', 'partial', 'failed')),
    error_message TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, platform)
);
SELECT app_protect_tenant_table('attribution_platform_connections');

CREATE TABLE attribution_influencers (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    profile_image_url TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    discount_codes TEXT[] NOT NULL DEFAULT '{}',
    creator_links TEXT[] NOT NULL DEFAULT '{}',
    utm_patterns TEXT[] NOT NULL DEFAULT '{}',
    landing_page TEXT,
    commission_rate NUMERIC(5,4) CHECK (commission_rate BETWEEN 0 AND 1),
    creator_id UUID REFERENCES creators(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attribution_influencers_tenant_status_name ON attribution_influencers (tenant_id, status, name);
CREATE INDEX attribution_influencers_tenant_creator ON attribution_influencers (tenant_id, creator_id);
SELECT app_protect_tenant_table('attribution_influencers');

CREATE TABLE attribution_scheduled_reports (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    schedule_config JSONB NOT NULL CHECK (jsonb_typeof(schedule_config) = 'object'),
    recipients TEXT[] NOT NULL,
    slack_channel TEXT,
    report_config JSONB NOT NULL CHECK (jsonb_typeof(report_config) = 'object'),
    enabled BOOLEAN NOT NULL DEFAULT true,
    last_sent_at TIMESTAMPTZ,
    last_status TEXT CHECK (last_status IN ('success', 'failed')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attribution_scheduled_reports_tenant_enabled ON attribution_scheduled_reports (tenant_id, enabled, name);
SELECT app_protect_tenant_table('attribution_scheduled_reports');

CREATE TABLE attribution_export_configs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    destination_type TEXT NOT NULL CHECK (destination_type IN ('s3', 'gcs', 'webhook', 'sftp')),
    encrypted_destination_config BYTEA,
    destination_config_iv BYTEA,
    schedule TEXT NOT NULL CHECK (schedule IN ('hourly', 'daily', 'weekly')),
    tables TEXT[] NOT NULL,
    format TEXT NOT NULL DEFAULT 'csv' CHECK (format IN ('csv', 'json', 'parquet')),
    enabled BOOLEAN NOT NULL DEFAULT true,
    last_export_at TIMESTAMPTZ,
    last_export_status TEXT CHECK (last_export_status IN ('success', 'failed')),
    last_export_record_count INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attribution_export_configs_tenant_enabled ON attribution_export_configs (tenant_id, enabled, name);
SELECT app_protect_tenant_table('attribution_export_configs');

CREATE TABLE attribution_custom_dashboards (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id UUID NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    is_default BOOLEAN NOT NULL DEFAULT false,
    date_range_default TEXT NOT NULL DEFAULT 'last_30d' CHECK (date_range_default IN ('last_7d', 'last_14d', 'last_30d')),
    refresh_interval_minutes INTEGER CHECK (refresh_interval_minutes > 0),
    -- At most 20 widgets per dashboard (spec constraint).
    layout JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(layout) = 'array' AND jsonb_array_length(layout) <= 20),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attribution_custom_dashboards_tenant_user ON attribution_custom_dashboards (tenant_id, user_id, updated_at DESC);
-- One default dashboard per user.
CREATE UNIQUE INDEX attribution_custom_dashboards_one_default
    ON attribution_custom_dashboards (tenant_id, user_id) WHERE is_default;
SELECT app_protect_tenant_table('attribution_custom_dashboards');

-- The core tables the services need: pixel events, conversions (orders),
-- touchpoints, customer identities, attribution results, daily metrics,
-- pixel alert configs, export and report runs, and a job queue. A first
-- version: later issues refine columns. Money is minor units (bigint) with an
-- ISO 4217 currency; times are timestamptz.

CREATE TABLE pixel_events (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('ga4', 'meta', 'tiktok')),
    event_type TEXT NOT NULL CHECK (event_type IN ('purchase', 'add_to_cart', 'page_view', 'checkout')),
    event_name TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_time TIMESTAMPTZ NOT NULL,
    order_id TEXT,
    session_id TEXT,
    match_status TEXT NOT NULL DEFAULT 'unmatched' CHECK (match_status IN ('matched', 'unmatched', 'partial')),
    delivery_status TEXT NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('delivered', 'failed', 'pending')),
    delivery_error TEXT,
    delivery_attempts INTEGER NOT NULL DEFAULT 0 CHECK (delivery_attempts >= 0),
    last_attempt_at TIMESTAMPTZ,
    -- Hashed (SHA-256) match keys only, e.g. {"em": "<hex>", "ph": "<hex>"}.
    match_keys JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(match_keys) = 'object'),
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, platform, event_name, event_id)
);
CREATE INDEX pixel_events_tenant_time ON pixel_events (tenant_id, event_time DESC);
CREATE INDEX pixel_events_tenant_platform_time ON pixel_events (tenant_id, platform, event_time DESC);
CREATE INDEX pixel_events_tenant_order ON pixel_events (tenant_id, order_id) WHERE order_id IS NOT NULL;
CREATE INDEX pixel_events_tenant_undelivered ON pixel_events (tenant_id, delivery_status, last_attempt_at)
    WHERE delivery_status <> 'delivered';
SELECT app_protect_tenant_table('pixel_events');

CREATE TABLE attribution_conversions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    order_id TEXT NOT NULL,
    ordered_at TIMESTAMPTZ NOT NULL,
    revenue_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    discount_codes TEXT[] NOT NULL DEFAULT '{}',
    landing_page TEXT,
    referrer TEXT,
    utm_source TEXT,
    utm_medium TEXT,
    utm_campaign TEXT,
    utm_content TEXT,
    utm_term TEXT,
    customer_id TEXT,
    session_id TEXT,
    is_new_customer BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, order_id)
);
CREATE INDEX attribution_conversions_tenant_time ON attribution_conversions (tenant_id, ordered_at DESC);
CREATE INDEX attribution_conversions_tenant_customer ON attribution_conversions (tenant_id, customer_id, ordered_at);
SELECT app_protect_tenant_table('attribution_conversions');

CREATE TABLE attribution_touchpoints (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    touchpoint_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    campaign TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    session_id TEXT,
    customer_id TEXT,
    landing_page TEXT,
    referrer TEXT,
    utm_source TEXT,
    utm_medium TEXT,
    utm_campaign TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, touchpoint_id)
);
CREATE INDEX attribution_touchpoints_tenant_customer_time ON attribution_touchpoints (tenant_id, customer_id, occurred_at);
CREATE INDEX attribution_touchpoints_tenant_session ON attribution_touchpoints (tenant_id, session_id);
CREATE INDEX attribution_touchpoints_tenant_time ON attribution_touchpoints (tenant_id, occurred_at DESC);
SELECT app_protect_tenant_table('attribution_touchpoints');

-- Session stitching: which customer a session belongs to.
CREATE TABLE customer_identities (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX customer_identities_tenant_customer ON customer_identities (tenant_id, customer_id);
SELECT app_protect_tenant_table('customer_identities');

CREATE TABLE attribution_results (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversion_id UUID NOT NULL REFERENCES attribution_conversions(id) ON DELETE CASCADE,
    touchpoint_id UUID REFERENCES attribution_touchpoints(id) ON DELETE SET NULL,
    influencer_id UUID REFERENCES attribution_influencers(id) ON DELETE SET NULL,
    model TEXT NOT NULL,
    attribution_window TEXT NOT NULL,
    channel TEXT NOT NULL,
    campaign TEXT,
    credit NUMERIC(9,8) NOT NULL CHECK (credit BETWEEN 0 AND 1),
    revenue_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    computed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attribution_results_tenant_model_conversion
    ON attribution_results (tenant_id, model, attribution_window, conversion_id);
CREATE INDEX attribution_results_tenant_influencer ON attribution_results (tenant_id, influencer_id) WHERE influencer_id IS NOT NULL;
CREATE INDEX attribution_results_tenant_channel ON attribution_results (tenant_id, channel, computed_at);
SELECT app_protect_tenant_table('attribution_results');

CREATE TABLE attribution_daily_metrics (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    model TEXT NOT NULL,
    attribution_window TEXT NOT NULL,
    channel TEXT NOT NULL,
    campaign TEXT NOT NULL DEFAULT '',
    conversions NUMERIC(14,4) NOT NULL DEFAULT 0,
    revenue_minor BIGINT NOT NULL DEFAULT 0,
    spend_minor BIGINT NOT NULL DEFAULT 0,
    currency CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    PRIMARY KEY (tenant_id, day, model, attribution_window, channel, campaign)
);
SELECT app_protect_tenant_table('attribution_daily_metrics');

CREATE TABLE pixel_alert_configs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('ga4', 'meta', 'tiktok')),
    accuracy_threshold NUMERIC(5,4) NOT NULL CHECK (accuracy_threshold BETWEEN 0 AND 1),
    enabled BOOLEAN NOT NULL DEFAULT true,
    notification_channel TEXT NOT NULL CHECK (notification_channel IN ('email', 'slack')),
    recipients TEXT[] NOT NULL DEFAULT '{}',
    slack_channel TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, platform)
);
SELECT app_protect_tenant_table('pixel_alert_configs');

CREATE TABLE export_runs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    export_config_id UUID NOT NULL REFERENCES attribution_export_configs(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'success', 'failed')),
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    record_count BIGINT,
    file_size_bytes BIGINT,
    file_path TEXT,
    error_message TEXT,
    -- Export files are deleted after 30 days (spec constraint).
    expires_at TIMESTAMPTZ NOT NULL DEFAULT now() + interval '30 days'
);
CREATE INDEX export_runs_tenant_config_started ON export_runs (tenant_id, export_config_id, started_at DESC);
CREATE INDEX export_runs_tenant_expires ON export_runs (tenant_id, expires_at);
SELECT app_protect_tenant_table('export_runs');

CREATE TABLE report_runs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    report_id UUID NOT NULL REFERENCES attribution_scheduled_reports(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'success', 'failed')),
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    error_message TEXT
);
CREATE INDEX report_runs_tenant_report_started ON report_runs (tenant_id, report_id, started_at DESC);
SELECT app_protect_tenant_table('report_runs');

-- Background work (pixel delivery retries, report sends, exports, syncs).
CREATE TABLE jobs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    run_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    locked_at TIMESTAMPTZ,
    locked_by TEXT,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_tenant_due ON jobs (tenant_id, status, run_at);
SELECT app_protect_tenant_table('jobs');

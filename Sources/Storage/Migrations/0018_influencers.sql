-- Influencers (issue 17), on the spec's attribution_influencers table (0002,
-- tenant-keyed by 0015). docs/ATTRIBUTION.md, "Influencers", describes the
-- matching these tables serve.

-- Discount codes, one row per code: the primary key makes a code (ignoring
-- case) belong to at most one influencer of a tenant, also under concurrent
-- creates (the second insert waits for the first and then conflicts).
CREATE TABLE attribution_influencer_codes (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    code_key TEXT NOT NULL CHECK (code_key = lower(code_key)),
    influencer_id UUID NOT NULL,
    PRIMARY KEY (tenant_id, code_key),
    FOREIGN KEY (tenant_id, influencer_id) REFERENCES attribution_influencers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX attribution_influencer_codes_influencer ON attribution_influencer_codes (tenant_id, influencer_id);
SELECT app_protect_tenant_table('attribution_influencer_codes');

-- The rules matching applies: a copy of the influencers' codes, UTM patterns
-- and links, in the form matching compares, replaced whole by the
-- re-attribution job. Ingest matches against this copy, never against the
-- influencers being edited, so every stored credit follows one rules version.
CREATE TABLE attribution_influencer_rules (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    influencer_id UUID NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('code', 'utm', 'link')),
    -- code: lower-case code; utm: a lower-case LIKE pattern; link: a lower-case URL prefix.
    pattern TEXT NOT NULL,
    PRIMARY KEY (tenant_id, kind, pattern, influencer_id)
);
SELECT app_protect_tenant_table('attribution_influencer_rules');

-- Per tenant: the rules version last changed (`version`) and the one the
-- stored credits follow (`applied_version`); they differ while a
-- re-attribution job is pending.
CREATE TABLE attribution_influencer_rules_versions (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    version BIGINT NOT NULL DEFAULT 0 CHECK (version >= 0),
    applied_version BIGINT NOT NULL DEFAULT 0 CHECK (applied_version >= 0),
    applied_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id)
);
SELECT app_protect_tenant_table('attribution_influencer_rules_versions');

-- The credit each influencer gets for each order, model and window: one row
-- per (influencer, order, model, window), so an order never counts twice for
-- an influencer. day and is_new_customer are the order's, for the metrics.
CREATE TABLE attribution_influencer_credits (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    influencer_id UUID NOT NULL,
    model TEXT NOT NULL,
    attribution_window TEXT NOT NULL,
    conversion_id UUID NOT NULL,
    day DATE NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('code', 'touch')),
    credit NUMERIC(9,8) NOT NULL CHECK (credit > 0 AND credit <= 1),
    revenue_minor BIGINT NOT NULL,
    is_new_customer BOOLEAN NOT NULL,
    PRIMARY KEY (tenant_id, influencer_id, model, attribution_window, conversion_id),
    FOREIGN KEY (tenant_id, conversion_id) REFERENCES attribution_conversions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX attribution_influencer_credits_day
    ON attribution_influencer_credits (tenant_id, model, attribution_window, day, influencer_id);
CREATE INDEX attribution_influencer_credits_conversion ON attribution_influencer_credits (tenant_id, conversion_id);
SELECT app_protect_tenant_table('attribution_influencer_credits');

-- Name search and the unique-code lookup of ListInfluencers.
CREATE INDEX attribution_influencers_tenant_lower_name ON attribution_influencers (tenant_id, lower(name), id);

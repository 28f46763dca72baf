-- Pixel event delivery: why a delivery failed, and where each platform's
-- events go for a tenant (the Pixels service's RetryEvents).

-- reported (by the sender at ingest), authentication, invalid_event,
-- rate_limited, platform_error, network.
ALTER TABLE pixel_events ADD COLUMN delivery_error_type TEXT
    CHECK (delivery_error_type IN ('reported', 'authentication', 'invalid_event', 'rate_limited', 'platform_error', 'network'));
UPDATE pixel_events SET delivery_error_type = 'reported' WHERE delivery_status = 'failed';
CREATE INDEX pixel_events_tenant_failed ON pixel_events (tenant_id, last_attempt_at DESC, id DESC)
    WHERE delivery_status = 'failed';

-- A tenant's destination per platform: Meta pixel id + access token, TikTok
-- pixel code + access token, GA4 measurement id + API secret. The secret is
-- sealed (Secrets: AES-256-GCM, bound to tenant, table, row and column).
CREATE TABLE pixel_destinations (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('ga4', 'meta', 'tiktok')),
    destination_id TEXT NOT NULL CHECK (length(destination_id) BETWEEN 1 AND 200),
    sealed_secret BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, platform)
);
SELECT app_protect_tenant_table('pixel_destinations');

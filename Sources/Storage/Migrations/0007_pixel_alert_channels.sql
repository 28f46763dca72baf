-- Pixel alerts: thresholds and switches stay per platform in
-- pixel_alert_configs; where alerts go is one setting per tenant.
ALTER TABLE pixel_alert_configs
    DROP COLUMN notification_channel,
    DROP COLUMN recipients,
    DROP COLUMN slack_channel;

CREATE TABLE pixel_alert_channels (
    tenant_id UUID PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    channel TEXT CHECK (channel IN ('email', 'slack')),
    email_recipients TEXT[] NOT NULL DEFAULT '{}' CHECK (cardinality(email_recipients) <= 20),
    slack_channels TEXT[] NOT NULL DEFAULT '{}' CHECK (cardinality(slack_channels) <= 10),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT app_protect_tenant_table('pixel_alert_channels');

-- The newest receive time per platform, for "no recent events".
CREATE INDEX pixel_events_tenant_platform_received ON pixel_events (tenant_id, platform, received_at DESC);

-- Roles (the role matrix of docs/SECURITY.md) and what the Pixels service needs.

-- A principal's role in its tenant, when it is not the default for its kind
-- (users: analyst; services: ingest). Granted with `attrd roles grant`.
CREATE TABLE principal_roles (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    principal_kind TEXT NOT NULL CHECK (principal_kind IN ('user', 'service')),
    principal_id TEXT NOT NULL CHECK (length(principal_id) BETWEEN 1 AND 128),
    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'ingest')),
    granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, principal_kind, principal_id)
);
SELECT app_protect_tenant_table('principal_roles');

-- The ingest transaction that stored an event: NOTIFY carries it, so that a
-- live stream reads exactly that batch's rows, in commit order.
ALTER TABLE pixel_events ADD COLUMN ingest_batch UUID;
CREATE INDEX pixel_events_tenant_batch ON pixel_events (tenant_id, ingest_batch) WHERE ingest_batch IS NOT NULL;
-- Newest first with a stable tie-break, for the event log's keyset pages.
CREATE INDEX pixel_events_tenant_time_id ON pixel_events (tenant_id, event_time DESC, id DESC);
-- Purchases by order, for accuracy.
CREATE INDEX pixel_events_tenant_purchase_order ON pixel_events (tenant_id, platform, order_id)
    WHERE event_type = 'purchase' AND order_id IS NOT NULL;

-- Alerts the scheduler raised, and their delivery (pending until sent).
CREATE TABLE pixel_alert_events (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('ga4', 'meta', 'tiktok')),
    accuracy_percent NUMERIC(6,2) NOT NULL,
    threshold_percent NUMERIC(6,2) NOT NULL,
    window_end TIMESTAMPTZ NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'slack')),
    targets TEXT[] NOT NULL,
    delivery_status TEXT NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'sent', 'failed')),
    delivery_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- One alert per platform per evaluation window, however many replicas evaluate.
    UNIQUE (tenant_id, platform, window_end)
);
CREATE INDEX pixel_alert_events_tenant_created ON pixel_alert_events (tenant_id, created_at DESC);
SELECT app_protect_tenant_table('pixel_alert_events');

-- Pixel alert delivery with claims, retries and per-target progress
-- (PixelAlertOutbox). An alert is claimed in a short transaction (status
-- 'sending' until claimed_until, then any replica may claim it again), sent
-- outside any transaction, and its outcome recorded in another: 'sent',
-- 'pending' again with a later next_attempt_at (a transient failure), or
-- 'failed' (a permanent failure, or the last allowed attempt).
ALTER TABLE pixel_alert_events DROP CONSTRAINT pixel_alert_events_delivery_status_check;
ALTER TABLE pixel_alert_events
    ADD CONSTRAINT pixel_alert_events_delivery_status_check
        CHECK (delivery_status IN ('pending', 'sending', 'sent', 'failed')),
    -- Attempts started (counted when claimed, so a replica that dies while
    -- sending uses one up).
    ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN last_attempt_at TIMESTAMPTZ,
    -- The current claim: who holds it (a fresh id per claim) and until when.
    ADD COLUMN claim_id UUID,
    ADD COLUMN claimed_until TIMESTAMPTZ,
    -- Slack channels already posted to, never posted to again.
    ADD COLUMN delivered_targets TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN sent_at TIMESTAMPTZ,
    ADD CONSTRAINT pixel_alert_events_claimed CHECK ((delivery_status = 'sending') = (claimed_until IS NOT NULL));

COMMENT ON COLUMN pixel_alert_events.delivery_error IS
    'the error of the latest failed attempt (redacted: never a credential), kept after a later success';

UPDATE pixel_alert_events SET next_attempt_at = created_at WHERE delivery_status = 'pending';

CREATE INDEX pixel_alert_events_due ON pixel_alert_events (tenant_id, next_attempt_at)
    WHERE delivery_status IN ('pending', 'sending');

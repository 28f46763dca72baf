-- Ingest and the attribution core (issue #5).

-- A tenant reports in one currency: the first order's, unless set before.
-- Orders in another currency are refused (no exchange rates here).
ALTER TABLE tenants ADD COLUMN currency CHAR(3) CHECK (currency ~ '^[A-Z]{3}$');

-- The order value a pixel event carried (purchase events).
ALTER TABLE pixel_events
    ADD COLUMN value_minor BIGINT CHECK (value_minor >= 0),
    ADD COLUMN currency CHAR(3) CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT pixel_events_value_currency CHECK ((value_minor IS NULL) = (currency IS NULL));

ALTER TABLE attribution_conversions ADD CONSTRAINT attribution_conversions_revenue_nonnegative CHECK (revenue_minor >= 0);

-- Credits are exact multiples of 1e-8 (NUMERIC(9,8)); conversions in the
-- daily roll-up are sums of them, kept exact so that adding and removing an
-- order's credits never drifts.
ALTER TABLE attribution_daily_metrics ALTER COLUMN conversions TYPE NUMERIC(18,8);

ALTER TABLE attribution_results
    ADD CONSTRAINT attribution_results_model CHECK (model IN ('first_touch', 'last_touch', 'linear', 'time_decay', 'position_based')),
    ADD CONSTRAINT attribution_results_window CHECK (attribution_window IN ('1d', '7d', '14d', '28d', '30d', '90d'));
ALTER TABLE attribution_daily_metrics
    ADD CONSTRAINT attribution_daily_metrics_model CHECK (model IN ('first_touch', 'last_touch', 'linear', 'time_decay', 'position_based')),
    ADD CONSTRAINT attribution_daily_metrics_window CHECK (attribution_window IN ('1d', '7d', '14d', '28d', '30d', '90d'));

-- Re-attribution deletes an order's results by conversion.
CREATE INDEX attribution_results_tenant_conversion ON attribution_results (tenant_id, conversion_id);
-- Orders placed in a session (for orders and touchpoints without a customer id).
CREATE INDEX attribution_conversions_tenant_session ON attribution_conversions (tenant_id, session_id) WHERE session_id IS NOT NULL;
-- Queries by day range for one model and window.
CREATE INDEX attribution_daily_metrics_tenant_model_day
    ON attribution_daily_metrics (tenant_id, model, attribution_window, day);

-- Influencer credits stored once per (influencer, order) instead of once per
-- (influencer, order, model, window) (issue 17's ingest benchmark: a coded
-- order wrote 30 identical rows and 30 roll-up groups, a touch-matched one
-- 30 rows with their foreign-key checks). docs/ATTRIBUTION.md,
-- "Influencers", describes the layout.
--
-- A row holds the credit under each model and window as parallel arrays.
-- A discount-code credit is the same under every model and window, so it is
-- one entry with model and window '*'; the daily roll-up holds it once too,
-- under ('*', '*'), and the metrics read the requested model and window's
-- rows together with the '*' rows.
CREATE TABLE attribution_influencer_order_credits (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversion_id UUID NOT NULL,
    influencer_id UUID NOT NULL,
    day DATE NOT NULL,
    is_new_customer BOOLEAN NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('code', 'touch')),
    models TEXT[] NOT NULL,
    windows TEXT[] NOT NULL,
    credits NUMERIC(9,8)[] NOT NULL,
    revenues BIGINT[] NOT NULL,
    CHECK (cardinality(models) > 0 AND cardinality(windows) = cardinality(models)
        AND cardinality(credits) = cardinality(models) AND cardinality(revenues) = cardinality(models)),
    CHECK (via = 'touch' OR (models = '{*}' AND windows = '{*}')),
    PRIMARY KEY (tenant_id, conversion_id, influencer_id)
);
-- The re-attribution job's period (orders on or after a day).
CREATE INDEX attribution_influencer_order_credits_day ON attribution_influencer_order_credits (tenant_id, day);

-- The stored credits and their roll-up, converted by the owner: row-level
-- security (forced on tenant tables) would hide them, so it is lifted for
-- these steps and put back, and the new table is protected after them.
ALTER TABLE attribution_influencer_credits NO FORCE ROW LEVEL SECURITY;
ALTER TABLE attribution_influencer_daily NO FORCE ROW LEVEL SECURITY;

INSERT INTO attribution_influencer_order_credits (tenant_id, conversion_id, influencer_id, day, is_new_customer, via,
    models, windows, credits, revenues)
SELECT tenant_id, conversion_id, influencer_id, day, is_new_customer, via,
    CASE via WHEN 'code' THEN '{*}' ELSE array_agg(model ORDER BY model, attribution_window) END,
    CASE via WHEN 'code' THEN '{*}' ELSE array_agg(attribution_window ORDER BY model, attribution_window) END,
    CASE via WHEN 'code' THEN ARRAY[min(credit)] ELSE array_agg(credit ORDER BY model, attribution_window) END,
    CASE via WHEN 'code' THEN ARRAY[min(revenue_minor)] ELSE array_agg(revenue_minor ORDER BY model, attribution_window) END
FROM attribution_influencer_credits
GROUP BY tenant_id, conversion_id, influencer_id, day, is_new_customer, via;

-- The roll-up: code credits leave every (model, window) row and are added
-- once under ('*', '*'); one model and window's code rows stand for all
-- (each coded order had the same credit under all 30).
UPDATE attribution_influencer_daily d
SET conversions = d.conversions - c.conversions,
    new_customer_conversions = d.new_customer_conversions - c.new_customer_conversions,
    revenue_minor = d.revenue_minor - c.revenue_minor
FROM (
    SELECT tenant_id, model, attribution_window, day, influencer_id, sum(credit) AS conversions,
        coalesce(sum(credit) FILTER (WHERE is_new_customer), 0) AS new_customer_conversions,
        sum(revenue_minor) AS revenue_minor
    FROM attribution_influencer_credits WHERE via = 'code'
    GROUP BY tenant_id, model, attribution_window, day, influencer_id
) c
WHERE d.tenant_id = c.tenant_id AND d.model = c.model AND d.attribution_window = c.attribution_window
  AND d.day = c.day AND d.influencer_id = c.influencer_id;

INSERT INTO attribution_influencer_daily (tenant_id, model, attribution_window, day, influencer_id,
    conversions, new_customer_conversions, revenue_minor)
SELECT tenant_id, '*', '*', day, influencer_id, sum(credit),
    coalesce(sum(credit) FILTER (WHERE is_new_customer), 0), sum(revenue_minor)
FROM attribution_influencer_credits
WHERE via = 'code' AND model = 'last_touch' AND attribution_window = '30d'
GROUP BY tenant_id, day, influencer_id;

DELETE FROM attribution_influencer_daily WHERE conversions = 0 AND revenue_minor = 0;

ALTER TABLE attribution_influencer_daily FORCE ROW LEVEL SECURITY;
DROP TABLE attribution_influencer_credits;
SELECT app_protect_tenant_table('attribution_influencer_order_credits');

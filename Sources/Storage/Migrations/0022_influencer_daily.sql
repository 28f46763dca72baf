-- The daily roll-up of influencer credits (issue 17's benchmark): per
-- (tenant, model, window, day, influencer) the sums GetInfluencerMetrics and
-- ListInfluencers read, so a 90-day list of 1,000 influencers reads at most
-- 1,000 rows a day of each period instead of every credited order.
-- InfluencerMatching keeps it in step with attribution_influencer_credits in
-- the statements that delete and insert credits (docs/ATTRIBUTION.md,
-- "Influencers"). Sums are exact (credits are multiples of 10^-8).
CREATE TABLE attribution_influencer_daily (
    tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    attribution_window TEXT NOT NULL,
    day DATE NOT NULL,
    influencer_id UUID NOT NULL,
    conversions NUMERIC(18,8) NOT NULL,
    new_customer_conversions NUMERIC(18,8) NOT NULL,
    revenue_minor BIGINT NOT NULL,
    -- Covering: a period's rows of every influencer are read from the index
    -- alone (an index-only scan), never from heap pages that the other
    -- models' and windows' rows of the same days share.
    PRIMARY KEY (tenant_id, model, attribution_window, day, influencer_id)
        INCLUDE (conversions, new_customer_conversions, revenue_minor)
);
-- One influencer's days (GetInfluencerMetrics).
CREATE INDEX attribution_influencer_daily_influencer
    ON attribution_influencer_daily (tenant_id, model, attribution_window, influencer_id, day);

-- The credits stored so far, summed by the owner: row-level security
-- (forced on tenant tables) would hide them, so it is lifted for this step
-- and put back, and the new table is protected after it.
ALTER TABLE attribution_influencer_credits NO FORCE ROW LEVEL SECURITY;
INSERT INTO attribution_influencer_daily (tenant_id, model, attribution_window, day, influencer_id,
    conversions, new_customer_conversions, revenue_minor)
SELECT tenant_id, model, attribution_window, day, influencer_id, sum(credit),
    coalesce(sum(credit) FILTER (WHERE is_new_customer), 0), sum(revenue_minor)
FROM attribution_influencer_credits
GROUP BY 1, 2, 3, 4, 5;
ALTER TABLE attribution_influencer_credits FORCE ROW LEVEL SECURITY;
SELECT app_protect_tenant_table('attribution_influencer_daily');

-- Metrics no longer read the credits by day; matching reads them by order.
DROP INDEX attribution_influencer_credits_day;

-- Each rule's literal prefix: a UTM pattern's characters before its first
-- wildcard (unescaped from the LIKE pattern), a link or a code whole.
-- Matching looks rules up by the prefixes of a touchpoint's campaign or URL
-- (equality on this index), so a touchpoint meets only its candidate rules
-- whatever plan the statistics of a fresh batch lead to.
ALTER TABLE attribution_influencer_rules ADD COLUMN prefix TEXT;
ALTER TABLE attribution_influencer_rules NO FORCE ROW LEVEL SECURITY;
UPDATE attribution_influencer_rules SET prefix = CASE kind
    WHEN 'utm' THEN regexp_replace(substring(pattern FROM '^((?:[^%_\\]|\\.)*)'), '\\(.)', '\1', 'g')
    ELSE pattern END;
ALTER TABLE attribution_influencer_rules FORCE ROW LEVEL SECURITY;
ALTER TABLE attribution_influencer_rules ALTER COLUMN prefix SET NOT NULL;
CREATE INDEX attribution_influencer_rules_prefix ON attribution_influencer_rules (tenant_id, kind, prefix);

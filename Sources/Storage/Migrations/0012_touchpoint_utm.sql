-- A touchpoint keeps all five UTM parameters of its landing URL, as an
-- order does: utm_content and utm_term were validated but not stored.
ALTER TABLE attribution_touchpoints
    ADD COLUMN utm_content TEXT,
    ADD COLUMN utm_term TEXT;

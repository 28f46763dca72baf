-- A row id for pixel_destinations: sealed secrets are bound to (tenant,
-- table, row id, column), and `attrd keys rotate` finds them by it.
ALTER TABLE pixel_destinations ADD COLUMN id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE;

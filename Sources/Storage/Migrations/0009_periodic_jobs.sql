-- One row per tenant for each periodic job (e.g. pixel_alerts), so that two
-- replicas creating it at the same moment make one job, not two.
CREATE UNIQUE INDEX jobs_tenant_pixel_alerts ON jobs (tenant_id, kind) WHERE kind = 'pixel_alerts';

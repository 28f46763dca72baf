-- pixel_events_tenant_time (tenant_id, event_time DESC) is a prefix of
-- pixel_events_tenant_time_id (tenant_id, event_time DESC, id DESC), which
-- serves every query the shorter one did. One index fewer to maintain on
-- every ingested event.
DROP INDEX IF EXISTS pixel_events_tenant_time;

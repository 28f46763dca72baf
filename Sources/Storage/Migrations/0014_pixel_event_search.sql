-- ListEvents searches every stored event (no longer only the newest 1000).
-- Its order-id prefix search is starts_with(order_id COLLATE "C", prefix),
-- which PostgreSQL turns into a range scan of an index in byte order ("C");
-- pixel_events_tenant_order (default collation) stays for equality joins
-- such as the accuracy join in PixelStatsReader. Time ranges and the
-- (event_time, id) keyset use pixel_events_tenant_time_id (0005).
CREATE INDEX pixel_events_tenant_order_prefix ON pixel_events (tenant_id, (order_id COLLATE "C"))
    WHERE order_id IS NOT NULL;

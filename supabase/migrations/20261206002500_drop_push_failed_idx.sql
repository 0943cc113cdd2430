-- shipments (org_id) where tracking_push_status = 'failed' (migration 20261206001000) is a prefix
-- of shipments_org_order_push_failed_idx (org_id, order_id) with the same condition (20261206001700),
-- which serves every query it served: one index less to keep on every label write.
drop index if exists public.shipments_org_push_failed_idx;
